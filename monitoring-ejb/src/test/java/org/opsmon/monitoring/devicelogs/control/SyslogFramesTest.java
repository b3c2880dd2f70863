package org.opsmon.monitoring.devicelogs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyslogFramesTest {

    private final List<String> messages = new ArrayList<>();
    private int tooLarge;
    private final SyslogFrames.Sink sink = new SyslogFrames.Sink() {
        @Override
        public void message(byte[] message) {
            messages.add(new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void tooLarge() {
            tooLarge++;
        }
    };

    private boolean feed(SyslogFrames frames, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return frames.feed(bytes, 0, bytes.length, sink);
    }

    @Test
    void octetCountingKeepsLineEndsInsideMessages() {
        SyslogFrames frames = new SyslogFrames(100);
        assertTrue(feed(frames, "11 <13>a\nb c d10 <13>second"));
        assertEquals(List.of("<13>a\nb c d", "<13>second"), messages);
    }

    @Test
    void nonTransparentFramingSplitsOnLineFeedAndDropsCr() {
        SyslogFrames frames = new SyslogFrames(100);
        assertTrue(feed(frames, "<13>one\r\n<13>two\n\n<13>thr"));
        assertTrue(feed(frames, "ee"));
        frames.end(sink);
        assertEquals(List.of("<13>one", "<13>two", "<13>three"), messages);
    }

    @Test
    void methodsMayAlternateAndFramesSpanReads() {
        SyslogFrames frames = new SyslogFrames(100);
        String stream = "<13>line\n5 <13>x<13>lf\n";
        for (char c : stream.toCharArray()) {
            assertTrue(feed(frames, String.valueOf(c)));
        }
        assertEquals(List.of("<13>line", "<13>x", "<13>lf"), messages);
    }

    @Test
    void oversizedMessagesAreSkippedAndCountedAndTheStreamGoesOn() {
        SyslogFrames frames = new SyslogFrames(10);
        assertTrue(feed(frames, "20 " + "z".repeat(20) + "<13>ok\n" + "w".repeat(50) + "\n3 <1>"));
        assertEquals(List.of("<13>ok", "<1>"), messages);
        assertEquals(2, tooLarge);
    }

    @Test
    void aHugeCountIsSkippedWithoutBuffering() {
        SyslogFrames frames = new SyslogFrames(10);
        assertTrue(feed(frames, "999999999 abc"));
        assertEquals(1, tooLarge);
        assertTrue(messages.isEmpty());
    }

    @Test
    void aBrokenCountEndsTheConnection() {
        assertFalse(feed(new SyslogFrames(100), "12x <13>"));
        assertFalse(feed(new SyslogFrames(100), "1234567890 x"));
    }

    @Test
    void nulBytesStayInsideTheMessage() {
        SyslogFrames frames = new SyslogFrames(100);
        assertTrue(feed(frames, "<13>a\u0000b\n"));
        assertEquals(List.of("<13>a\u0000b"), messages);
    }
}

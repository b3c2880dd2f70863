package org.opsmon.monitoring.devicelogs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opsmon.monitoring.devicelogs.entity.EventSeverity;
import org.opsmon.monitoring.devicelogs.entity.SyslogMessage;

class SyslogParserTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-27T10:00:05Z");
    private final SyslogParser parser = new SyslogParser(ZoneOffset.UTC);

    @Test
    void rfc5424WithStructuredData() throws Exception {
        SyslogMessage m = parser.parse("<165>1 2026-11-27T09:59:58.003+01:00 sw1.example.net evntslog 8710 ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"App\\\"x\\]\"][other@1 a=\"b\"] \uFEFFAn application event\n",
                RECEIVED);
        assertEquals(20, m.facility());
        assertEquals(EventSeverity.NOTICE, m.severity());
        assertEquals(Instant.parse("2026-11-27T08:59:58.003Z"), m.reportedAt());
        assertEquals("sw1.example.net", m.hostname());
        assertEquals("evntslog", m.appName());
        assertEquals("An application event", m.message());
    }

    @Test
    void rfc5424NilValuesAndNoMessage() throws Exception {
        SyslogMessage m = parser.parse("<0>1 - - - - - -", RECEIVED);
        assertEquals(0, m.facility());
        assertEquals(EventSeverity.EMERGENCY, m.severity());
        assertNull(m.reportedAt());
        assertNull(m.hostname());
        assertNull(m.appName());
        assertEquals("", m.message());
    }

    @Test
    void rfc3164AsDevicesSendIt() throws Exception {
        SyslogMessage m = parser.parse("<34>Nov 27 09:59:58 mymachine su[231]: 'su root' failed for lonvick on /dev/pts/8",
                RECEIVED);
        assertEquals(4, m.facility());
        assertEquals(EventSeverity.CRITICAL, m.severity());
        assertEquals(Instant.parse("2026-11-27T09:59:58Z"), m.reportedAt());
        assertEquals("mymachine", m.hostname());
        assertEquals("su", m.appName());
        assertEquals("'su root' failed for lonvick on /dev/pts/8", m.message());
    }

    @Test
    void rfc3164WithoutHostNameAsLoggerSendsIt() throws Exception {
        SyslogMessage m = parser.parse("<13>Nov  7 23:59:59 alice: link flap on ge-0/0/1", Instant.parse("2027-01-01T00:00:10Z"));
        assertEquals(Instant.parse("2026-11-07T23:59:59Z"), m.reportedAt());
        assertNull(m.hostname());
        assertEquals("alice", m.appName());
        assertEquals("link flap on ge-0/0/1", m.message());
    }

    @Test
    void aDateAcrossNewYearTakesTheNearestYear() throws Exception {
        SyslogMessage m = parser.parse("<13>Dec 31 23:59:59 host app: late", Instant.parse("2027-01-01T00:00:02Z"));
        assertEquals(Instant.parse("2026-12-31T23:59:59Z"), m.reportedAt());
    }

    @Test
    void rfc3164WithoutHeaderKeepsEverythingAsTheMessage() throws Exception {
        SyslogMessage m = parser.parse("<189>%LINK-3-UPDOWN: Interface Gi0/1, changed state to down", RECEIVED);
        assertEquals(23, m.facility());
        assertEquals(EventSeverity.NOTICE, m.severity());
        assertNull(m.reportedAt());
        assertEquals("%LINK-3-UPDOWN: Interface Gi0/1, changed state to down", m.message());
    }

    @Test
    void rfc3164WithAnIsoTimeIsRead() throws Exception {
        SyslogMessage m = parser.parse("<14>2026-11-27T10:00:00+00:00 fw01 kernel: drop", RECEIVED);
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), m.reportedAt());
        assertEquals("fw01", m.hostname());
        assertEquals("kernel", m.appName());
        assertEquals("drop", m.message());
    }

    @Test
    void aBadRfc3164DateIsPartOfTheMessage() throws Exception {
        SyslogMessage m = parser.parse("<14>Feb 30 10:00:00 host app: x", RECEIVED);
        assertNull(m.reportedAt());
        assertTrue(m.message().startsWith("Feb 30"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "no pri", "<>1 - - - - - -", "<192>1 - - - - - -", "<012>x", "<1a>x", "<1234>x",
            "<13", "<-1>x", "<13>1 2026-13-45T99:00:00Z h a p m -", "<13>1 2026-11-27T10:00:00 h a p m - no offset",
            "<13>1 - h a", "<13>1 - h a p m [unclosed x=\"]", "<13>1 - h a p m xyz", "<13>1 - h a p m [a]x"})
    void malformedMessagesAreRefusedWithAReason(String line) {
        MalformedSyslogException e = assertThrows(MalformedSyslogException.class, () -> parser.parse(line, RECEIVED));
        assertTrue(e.getMessage() != null && !e.getMessage().isEmpty());
    }

    @Test
    void nulAndControlCharactersDoNotBreakParsing() throws Exception {
        SyslogMessage m = parser.parse("<13>Nov 27 10:00:00 host app: a\u0000b\u001b[31m\u0000\n", RECEIVED);
        assertEquals("a\u0000b\u001b[31m", m.message());
    }

    @Test
    void hugeLinesAreParsed() throws Exception {
        SyslogMessage m = parser.parse("<13>Nov 27 10:00:00 host app: " + "y".repeat(1_000_000), RECEIVED);
        assertEquals(1_000_000, m.message().length());
    }

    @Test
    void latin1BytesAreReadAsLatin1() throws Exception {
        byte[] bytes = "<13>Nov 27 10:00:00 host app: caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals("caf\u00e9", parser.parse(bytes, RECEIVED).message());
        byte[] utf8 = "<13>Nov 27 10:00:00 host app: caf\u00e9".getBytes(StandardCharsets.UTF_8);
        assertEquals("caf\u00e9", parser.parse(utf8, RECEIVED).message());
    }

    @Test
    void randomBytesNeverThrowAnythingButMalformed() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextInt(80)];
            random.nextBytes(bytes);
            if (i % 2 == 0 && bytes.length > 3) {
                bytes[0] = '<';
                bytes[1] = (byte) ('0' + random.nextInt(10));
                bytes[2] = '>';
            }
            try {
                parser.parse(bytes, RECEIVED);
            } catch (MalformedSyslogException expected) {
                // counted by the receiver
            }
        }
    }
}

package org.opsmon.monitoring.platform.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.platform.entity.RequestProblem;

class BodyLimitTest {

    static final int MIB = 1024 * 1024;

    static byte[] bytes(int count) {
        byte[] body = new byte[count];
        Arrays.fill(body, (byte) 'x');
        body[count - 1] = 'y';
        return body;
    }

    static void assertTooLarge(RequestProblem e) {
        assertEquals(413, e.status());
        assertEquals("payload_too_large", e.code());
        assertEquals("The body is larger than 1048576 bytes; send less per request", e.getMessage());
    }

    @Test
    void limitIsOneMebibyte() {
        assertEquals(MIB, BodyLimit.MAX_BYTES);
    }

    @Test
    void exactlyOneMebibytePasses() {
        byte[] body = bytes(MIB);
        assertArrayEquals(body, BodyLimit.read(new ByteArrayInputStream(body), MIB));
        assertArrayEquals(body, BodyLimit.read(new ByteArrayInputStream(body), -1));
    }

    @Test
    void oneByteMoreIsTooLarge() {
        assertTooLarge(assertThrows(RequestProblem.class,
                () -> BodyLimit.read(new ByteArrayInputStream(bytes(MIB + 1)), -1)));
    }

    @Test
    void understatedLengthDoesNotLetMoreThrough() {
        assertTooLarge(assertThrows(RequestProblem.class,
                () -> BodyLimit.read(new ByteArrayInputStream(bytes(MIB + 1)), 10)));
    }

    @Test
    void oversizedBodyIsDrainedSoTheClientSeesThe413() {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes(3 * MIB));
        assertTooLarge(assertThrows(RequestProblem.class, () -> BodyLimit.read(in, -1)));
        assertEquals(0, in.available());
    }

    @Test
    void declaredLengthOverTheLimitIsRefusedBeforeStoringAnything() {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes(2 * MIB));
        assertTooLarge(assertThrows(RequestProblem.class, () -> BodyLimit.read(in, MIB + 1L)));
        assertEquals(0, in.available()); // drained, not kept
    }

    @Test
    void drainingStopsAtSixteenMebibytes() {
        CountingStream endless = new CountingStream();
        assertTooLarge(assertThrows(RequestProblem.class, () -> BodyLimit.read(endless, MIB + 1L)));
        assertTrue(endless.count <= BodyLimit.DRAIN_BYTES + 65536, String.valueOf(endless.count));
        assertTrue(endless.count >= BodyLimit.DRAIN_BYTES, String.valueOf(endless.count));
    }

    @Test
    void aRefusedRequestsBodyIsDiscardedWithinTheDrainBound() {
        ByteArrayInputStream declared = new ByteArrayInputStream(bytes(20_000));
        BodyLimit.discard(declared, 20_000);
        assertEquals(0, declared.available());
        ByteArrayInputStream chunked = new ByteArrayInputStream(bytes(3 * MIB));
        BodyLimit.discard(chunked, -1);
        assertEquals(0, chunked.available());
        CountingStream endless = new CountingStream();
        BodyLimit.discard(endless, -1);
        assertTrue(endless.count <= BodyLimit.DRAIN_BYTES + 65536, String.valueOf(endless.count));
    }

    @Test
    void discardLeavesEmptyAndHugeBodiesUnread() {
        InputStream untouchable = new Untouchable();
        BodyLimit.discard(untouchable, 0);
        BodyLimit.discard(untouchable, BodyLimit.DRAIN_BYTES + 1);
    }

    @Test
    void hugeDeclaredLengthIsRefusedWithoutReading() {
        InputStream untouchable = new Untouchable();
        assertTooLarge(assertThrows(RequestProblem.class,
                () -> BodyLimit.read(untouchable, BodyLimit.DRAIN_BYTES + 1)));
        assertTooLarge(assertThrows(RequestProblem.class, () -> BodyLimit.read(untouchable, Long.MAX_VALUE)));
    }

    /** A body that never ends. */
    static final class Untouchable extends InputStream {
        @Override
        public int read() {
            throw new AssertionError("the body must not be read");
        }
    }

    static final class CountingStream extends InputStream {
        long count;

        @Override
        public int read() {
            count++;
            return 'x';
        }

        @Override
        public int read(byte[] b, int off, int len) {
            count += len;
            return len;
        }
    }

    @Test
    void smallAndEmptyBodies() {
        assertArrayEquals(new byte[] {'{', '}'}, BodyLimit.read(new ByteArrayInputStream(new byte[] {'{', '}'}), 2));
        assertEquals(0, BodyLimit.read(new ByteArrayInputStream(new byte[0]), 0).length);
    }

    @Test
    void readFailureIsAClientProblem() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        };
        RequestProblem e = assertThrows(RequestProblem.class, () -> BodyLimit.read(broken, 100));
        assertEquals(400, e.status());
        assertEquals("incomplete_body", e.code());
        assertEquals("The request body could not be read: connection reset", e.getMessage());
    }
}

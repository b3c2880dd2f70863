package org.opsmon.monitoring.agent.spool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpoolTest {

    @TempDir
    Path dir;

    private static byte[] payload(long id) {
        return ("{\"seq\":" + id + ",\"pad\":\"" + "x".repeat(200) + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    private static List<Long> ids(List<SpoolRecord> records) {
        return records.stream().map(SpoolRecord::id).toList();
    }

    @Test
    void unacknowledgedRecordsSurviveACrashAndReplayInOrder() throws IOException {
        Spool s = Spool.open(dir, 10 << 20, 4096);
        for (long id = 1; id <= 50; id++) {
            s.append(id, payload(id));
        }
        s.acknowledge(1, 2, 3);
        s.flush();
        // No close(): the process died here. Reopen from the same directory.
        Spool reopened = Spool.open(dir, 10 << 20, 4096);
        List<SpoolRecord> replay = reopened.readAfter(Long.MIN_VALUE, 1000, Long.MAX_VALUE);
        assertEquals(47, replay.size());
        assertEquals(4L, replay.get(0).id());
        for (int i = 1; i < replay.size(); i++) {
            assertTrue(replay.get(i).id() > replay.get(i - 1).id(), "replay must be oldest first");
        }
        assertArrayEquals(payload(50), replay.get(46).payload());
        assertEquals(47, reopened.pending());
        assertEquals(50, reopened.lastId());
    }

    @Test
    void acknowledgedSegmentsAreDeletedAndStayGoneAfterRestart() throws IOException {
        Spool s = Spool.open(dir, 10 << 20, 4096);
        for (long id = 100; id < 200; id++) {
            s.append(id, payload(id));
        }
        long segmentsBefore = segments();
        long[] all = new long[100];
        for (int i = 0; i < 100; i++) {
            all[i] = 100 + i;
        }
        s.acknowledge(all);
        s.close();
        assertTrue(segments() < segmentsBefore, "acked segments must be deleted");
        Spool reopened = Spool.open(dir, 10 << 20, 4096);
        assertEquals(0, reopened.pending());
        assertTrue(reopened.readAfter(Long.MIN_VALUE, 10, Long.MAX_VALUE).isEmpty());
        reopened.append(200, payload(200));
        assertEquals(List.of(200L), ids(reopened.readAfter(Long.MIN_VALUE, 10, Long.MAX_VALUE)));
    }

    @Test
    void outOfOrderAcksMoveTheCursorOnlyOverAClosedGap() throws IOException {
        Spool s = Spool.open(dir, 10 << 20);
        for (long id = 1; id <= 5; id++) {
            s.append(id, payload(id));
        }
        s.acknowledge(2, 4);
        assertEquals(Long.MIN_VALUE, s.cursor());
        assertEquals(List.of(1L, 3L, 5L), ids(s.readAfter(Long.MIN_VALUE, 10, Long.MAX_VALUE)));
        s.acknowledge(1);
        assertEquals(2, s.cursor());
        s.acknowledge(3);
        assertEquals(4, s.cursor());
        assertEquals(1, s.pending());
    }

    @Test
    void tornTailRecordIsCutOffAndTheRestIsIntact() throws IOException {
        Spool s = Spool.open(dir, 10 << 20);
        for (long id = 1; id <= 10; id++) {
            s.append(id, payload(id));
        }
        s.close();
        Path seg = onlySegment();
        long intact = Files.size(seg);
        // A crash in the middle of writing record 11: header and half its payload made it to disk.
        byte[] p = payload(11);
        ByteBuffer torn = ByteBuffer.allocate(16 + p.length / 2);
        torn.putInt(p.length).putInt(12345).putLong(11).put(p, 0, p.length / 2).flip();
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.APPEND)) {
            ch.write(torn);
        }
        Spool reopened = Spool.open(dir, 10 << 20);
        assertEquals(intact, Files.size(seg));
        assertEquals(10, reopened.pending());
        assertEquals(1, reopened.corrupt(), "the torn record was a snapshot that never made it");
        reopened.append(11, payload(11));
        List<SpoolRecord> all = reopened.readAfter(Long.MIN_VALUE, 100, Long.MAX_VALUE);
        assertEquals(11, all.size());
        assertArrayEquals(payload(11), all.get(10).payload());
    }

    @Test
    void corruptedLastRecordIsDetectedByCrc() throws IOException {
        Spool s = Spool.open(dir, 10 << 20);
        for (long id = 1; id <= 3; id++) {
            s.append(id, payload(id));
        }
        s.close();
        Path seg = onlySegment();
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {'#'}), Files.size(seg) - 5);
        }
        Spool reopened = Spool.open(dir, 10 << 20);
        assertEquals(List.of(1L, 2L), ids(reopened.readAfter(Long.MIN_VALUE, 100, Long.MAX_VALUE)));
    }

    /** Ten records in one segment, the spool closed, and where each record starts in the file. */
    private List<Long> tenRecords() throws IOException {
        Spool s = Spool.open(dir, 10 << 20);
        for (long id = 1; id <= 10; id++) {
            s.append(id, payload(id));
        }
        s.close();
        List<Long> starts = new ArrayList<>();
        Path seg = onlySegment();
        try (FileChannel ch = FileChannel.open(seg, StandardOpenOption.READ)) {
            for (long pos = 0; pos < ch.size(); ) {
                starts.add(pos);
                ByteBuffer len = ByteBuffer.allocate(4);
                ch.read(len, pos);
                pos += 16 + len.getInt(0);
            }
        }
        return starts;
    }

    private void overwrite(long position, byte... bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(onlySegment(), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(bytes), position);
        }
    }

    /** Reopens twice: the second open must find the same records and count nothing again. */
    private void assertRecovered(List<Long> expectedIds, long expectedCorrupt) throws IOException {
        for (int open = 1; open <= 2; open++) {
            Spool s = Spool.open(dir, 10 << 20);
            List<SpoolRecord> replay = s.readAfter(Long.MIN_VALUE, 100, Long.MAX_VALUE);
            assertEquals(expectedIds, ids(replay), "open " + open);
            for (SpoolRecord r : replay) {
                assertArrayEquals(payload(r.id()), r.payload());
            }
            assertEquals(expectedCorrupt, s.corrupt(), "open " + open);
            assertEquals(expectedIds.size(), s.pending());
            s.close();
        }
    }

    @Test
    void aCorruptFirstRecordCostsOnlyThatRecord() throws IOException {
        List<Long> starts = tenRecords();
        overwrite(starts.get(0) + 30, (byte) '#');
        assertRecovered(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), 1);
        Spool s = Spool.open(dir, 10 << 20);
        s.append(11, payload(11));
        s.close();
        assertRecovered(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), 1);
    }

    @Test
    void corruptRecordsInTheMiddleAreSkippedAndTheRestIsKept() throws IOException {
        List<Long> starts = tenRecords();
        overwrite(starts.get(2) + 40, (byte) '#');
        // A flipped length makes record 7's header point nowhere sensible.
        overwrite(starts.get(6), (byte) 0x7f);
        assertRecovered(List.of(1L, 2L, 4L, 5L, 6L, 8L, 9L, 10L), 2);
    }

    @Test
    void garbageBetweenRecordsLosesNothing() throws IOException {
        List<Long> starts = tenRecords();
        Path seg = onlySegment();
        byte[] all = Files.readAllBytes(seg);
        int at = starts.get(3).intValue();
        byte[] garbage = new byte[100];
        Arrays.fill(garbage, (byte) 0);
        garbage[3] = 7;
        byte[] damaged = new byte[all.length + garbage.length];
        System.arraycopy(all, 0, damaged, 0, at);
        System.arraycopy(garbage, 0, damaged, at, garbage.length);
        System.arraycopy(all, at, damaged, at + garbage.length, all.length - at);
        Files.write(seg, damaged);
        assertRecovered(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L), 0);
        assertEquals(all.length, Files.size(seg), "the garbage is gone from the file");
    }

    @Test
    void aDamagedFirstRecordOfALaterSegmentIsCountedAgainstTheEarlierOne() throws IOException {
        Spool s = Spool.open(dir, 10 << 20, 1024);
        for (long id = 1; id <= 12; id++) {
            s.append(id, payload(id));
        }
        s.acknowledge(1, 2);
        s.close();
        List<Path> segs;
        try (Stream<Path> files = Files.list(dir)) {
            segs = files.filter(p -> p.toString().endsWith(".seg")).sorted().toList();
        }
        assertTrue(segs.size() >= 3, "small segments: " + segs.size());
        Path second = segs.get(1);
        long firstId = Long.parseLong(second.getFileName().toString().replace(".seg", ""));
        try (FileChannel ch = FileChannel.open(second, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.wrap(new byte[] {'#'}), 40);
        }
        Spool reopened = Spool.open(dir, 10 << 20, 1024);
        List<Long> expected = new ArrayList<>();
        for (long id = 3; id <= 12; id++) {
            if (id != firstId) {
                expected.add(id);
            }
        }
        assertEquals(expected, ids(reopened.readAfter(Long.MIN_VALUE, 100, Long.MAX_VALUE)));
        assertEquals(1, reopened.corrupt());
    }

    @Test
    void fullSpoolEvictsOldestFirstAndCountsIt() throws IOException {
        long max = 1 << 20;
        Spool s = Spool.open(dir, max, 64 * 1024);
        byte[] big = new byte[10_000];
        long id = 1;
        for (; id <= 300; id++) {
            s.append(id, big);
        }
        assertTrue(s.bytes() <= max, "spool " + s.bytes() + " exceeds its bound");
        assertTrue(s.evicted() > 0);
        List<SpoolRecord> left = s.readAfter(Long.MIN_VALUE, 1000, Long.MAX_VALUE);
        assertEquals(300L, left.get(left.size() - 1).id(), "newest data is kept");
        assertEquals(300 - s.evicted(), left.size(), "every record is either pending or counted as evicted");
        long evicted = s.evicted();
        s.close();
        assertEquals(evicted, Spool.open(dir, max, 64 * 1024).evicted(), "eviction count survives restart");
    }

    @Test
    void readRespectsCountAndByteLimitsButAlwaysReturnsOne() throws IOException {
        Spool s = Spool.open(dir, 10 << 20);
        for (long id = 1; id <= 20; id++) {
            s.append(id, payload(id));
        }
        assertEquals(5, s.readAfter(Long.MIN_VALUE, 5, Long.MAX_VALUE).size());
        assertEquals(1, s.readAfter(Long.MIN_VALUE, 5, 1).size());
        assertEquals(List.of(19L, 20L), ids(s.readAfter(18, 100, Long.MAX_VALUE)));
        assertThrows(IllegalArgumentException.class, () -> s.append(20, payload(20)));
    }

    @Test
    void sequenceNumbersIncreaseAcrossRestartsAndStartAtTheClock() throws IOException {
        long before = System.currentTimeMillis();
        SequenceFile a = SequenceFile.open(dir, Long.MIN_VALUE);
        long first = a.next();
        assertTrue(first >= before);
        long second = a.next();
        assertTrue(second > first);
        SequenceFile b = SequenceFile.open(dir, Long.MIN_VALUE);
        assertTrue(b.next() > second, "a restart must never reuse a seq");
        SequenceFile c = SequenceFile.open(dir, Long.MAX_VALUE - 10);
        assertEquals(Long.MAX_VALUE - 9, c.next(), "never behind what the spool already holds");
    }

    private long segments() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.toString().endsWith(".seg")).count();
        }
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> segs = s.filter(p -> p.toString().endsWith(".seg")).toList();
            assertEquals(1, segs.size());
            return segs.get(0);
        }
    }
}

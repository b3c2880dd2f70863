package org.opsmon.monitoring.agent.spool;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.zip.CRC32C;

/**
 * Durable FIFO of snapshots between collection and the server's acknowledgement.
 *
 * <p>Records live in append-only segment files ({@code <first id>.seg}); each record is
 * {@code length | crc32c | id | payload} and is forced to disk before {@link #append} returns,
 * so a {@code kill -9} or power loss can at worst tear the record being written — detected by
 * length and CRC at open and cut off. Damage anywhere else (a bad disk block, a stray write) costs
 * only the records it hit: recovery resynchronises on the next sound record ({@link SegmentScan}),
 * rewrites the segment without the damage and counts the records lost in {@link #corrupt()}.
 * Acknowledgements move a cursor ("everything up to id N is
 * on the server") that is persisted atomically; whole segments behind the cursor are deleted,
 * which keeps both ack and eviction to a file delete instead of rewriting data. Acks that arrive
 * out of order wait in memory until the gap closes; after a crash those few are resent and the
 * server drops them as duplicates. When the bound is reached the oldest segment is evicted and
 * its unsent records are counted, because losing old data is better than losing new data.
 */
public final class Spool implements Closeable {

    private static final Logger LOG = Logger.getLogger(Spool.class.getName());
    private static final int HEADER = SegmentScan.HEADER;
    private static final String SUFFIX = ".seg";
    private static final String STATE = "ack.state";
    private static final long PERSIST_EVERY_MILLIS = 1_000;

    private final Path dir;
    private final long maxBytes;
    private final long segmentBytes;
    private final Deque<Segment> segments = new ArrayDeque<>();
    private final TreeSet<Long> ackedAhead = new TreeSet<>();
    private FileChannel active;
    private long cursor = Long.MIN_VALUE;
    private long evicted;
    private long corrupt;
    private long lastId = Long.MIN_VALUE;
    private boolean dirty;
    private long lastPersist;

    private Spool(Path dir, long maxBytes, long segmentBytes) {
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.segmentBytes = segmentBytes;
    }

    public static Spool open(Path dir, long maxBytes) throws IOException {
        return open(dir, maxBytes, Math.max(64 * 1024, Math.min(4L << 20, maxBytes / 4)));
    }

    public static Spool open(Path dir, long maxBytes, long segmentBytes) throws IOException {
        Files.createDirectories(dir);
        Spool s = new Spool(dir, maxBytes, segmentBytes);
        s.recover();
        return s;
    }

    private void recover() throws IOException {
        Path state = dir.resolve(STATE);
        if (Files.exists(state)) {
            Properties p = new Properties();
            p.load(new java.io.StringReader(Files.readString(state, StandardCharsets.ISO_8859_1)));
            cursor = Long.parseLong(p.getProperty("cursor", Long.toString(Long.MIN_VALUE)));
            evicted = Long.parseLong(p.getProperty("evicted", "0"));
            corrupt = Long.parseLong(p.getProperty("corrupt", "0"));
        }
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + SUFFIX + "*")) {
            ds.forEach(files::add);
        }
        files.sort(null);
        long lostBefore = corrupt;
        for (Path f : files) {
            if (!f.getFileName().toString().endsWith(SUFFIX)) {
                // A rewrite interrupted by a crash: the original segment is still in place.
                Files.delete(f);
                continue;
            }
            Segment seg = scan(f);
            if (seg.count == 0 || seg.lastId() <= cursor) {
                Files.delete(f);
                continue;
            }
            segments.addLast(seg);
            lastId = Math.max(lastId, seg.lastId());
        }
        AtomicFiles.syncDirectory(dir);
        if (corrupt != lostBefore) {
            dirty = true;
            persistState(true);
        }
    }

    /**
     * Reads a segment's index. Damage at the end (a torn write) is cut off; damage inside is
     * removed by rewriting the segment with its intact records only, so that it is counted once.
     */
    private Segment scan(Path file) throws IOException {
        SegmentScan scan;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            scan = SegmentScan.of(ch, lastId, cursor);
            if (scan.damagedBytes() > 0 && scan.damageOnlyAtTail()) {
                ch.truncate(scan.intactEnd());
                ch.force(true);
            }
        }
        if (scan.damagedBytes() > 0) {
            long lost = scan.lost();
            corrupt += lost;
            LOG.warning(() -> "spool: " + file.getFileName() + " was damaged: " + scan.damagedBytes()
                    + " unreadable bytes, " + lost + " unsent snapshots lost, " + scan.intact().size() + " records kept");
            if (!scan.damageOnlyAtTail() && !scan.intact().isEmpty()) {
                rewrite(file, scan.intact());
            }
        }
        // Whether cut or rewritten, the file now holds the intact records back to back.
        Segment seg = new Segment(file);
        long pos = 0;
        for (SegmentScan.Entry e : scan.intact()) {
            seg.add(e.id(), pos, e.length());
            pos += HEADER + e.length();
        }
        seg.size = pos;
        return seg;
    }

    /** Copies the intact records into a sibling file and renames it over the damaged one. */
    private void rewrite(Path file, List<SegmentScan.Entry> intact) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".rewrite");
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            for (SegmentScan.Entry e : intact) {
                long done = 0;
                long len = HEADER + e.length();
                while (done < len) {
                    done += in.transferTo(e.position() + done, len - done, out);
                }
            }
            out.force(true);
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    static int readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        int total = 0;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos + total);
            if (n < 0) {
                break;
            }
            total += n;
        }
        return total;
    }

    private static int crc(long id, byte[] payload) {
        CRC32C c = SegmentScan.start(id);
        c.update(payload);
        return (int) c.getValue();
    }

    /** Appends durably; ids must increase strictly (they are snapshot sequence numbers). */
    public synchronized void append(long id, byte[] payload) throws IOException {
        if (id <= lastId) {
            throw new IllegalArgumentException("spool ids must increase: " + id + " after " + lastId);
        }
        int recordSize = HEADER + payload.length;
        Segment tail = segments.peekLast();
        if (active == null || tail == null || (tail.size + recordSize > segmentBytes && tail.count > 0)) {
            roll(id, recordSize);
            tail = segments.peekLast();
        }
        ByteBuffer buf = ByteBuffer.allocate(recordSize);
        buf.putInt(payload.length).putInt(crc(id, payload)).putLong(id).put(payload).flip();
        long pos = tail.size;
        while (buf.hasRemaining()) {
            active.write(buf, pos + (recordSize - buf.remaining()));
        }
        active.force(false);
        tail.add(id, pos, payload.length);
        tail.size += recordSize;
        lastId = id;
        evictOverflow();
        notifyAll();
    }

    private void roll(long firstId, int recordSize) throws IOException {
        Segment last = segments.peekLast();
        if (active == null) {
            // After a restart the newest segment is continued while it has room, not shadowed by a new file.
            if (last != null && last.size + recordSize <= segmentBytes) {
                active = FileChannel.open(last.file, StandardOpenOption.WRITE);
                return;
            }
        } else {
            active.force(true);
            active.close();
            active = null;
        }
        Path file = dir.resolve(String.format("%020d%s", firstId, SUFFIX));
        active = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        segments.addLast(new Segment(file));
        AtomicFiles.syncDirectory(dir);
    }

    private void evictOverflow() throws IOException {
        while (bytes() > maxBytes && segments.size() > 1) {
            Segment oldest = segments.removeFirst();
            long lost = 0;
            for (int i = 0; i < oldest.count; i++) {
                long id = oldest.ids[i];
                if (id > cursor && !ackedAhead.remove(id)) {
                    lost++;
                }
            }
            evicted += lost;
            cursor = Math.max(cursor, oldest.lastId());
            Files.deleteIfExists(oldest.file);
            dirty = true;
            if (lost > 0) {
                final long n = lost;
                LOG.warning(() -> "spool: full (" + maxBytes + " bytes), evicted " + n + " oldest unsent snapshots");
            }
            persistState(true);
        }
    }

    /**
     * Up to {@code maxRecords} unacknowledged records with id greater than {@code afterId}, oldest
     * first, stopping before {@code maxBytes} of payload (but always returning at least one).
     */
    public synchronized List<SpoolRecord> readAfter(long afterId, int maxRecords, long maxBytes) throws IOException {
        List<SpoolRecord> out = new ArrayList<>();
        long bytes = 0;
        long from = Math.max(afterId, cursor);
        for (Segment seg : segments) {
            if (seg.count == 0 || seg.lastId() <= from) {
                continue;
            }
            int i = seg.firstIndexAfter(from);
            try (FileChannel ch = FileChannel.open(seg.file, StandardOpenOption.READ)) {
                for (; i < seg.count; i++) {
                    long id = seg.ids[i];
                    if (ackedAhead.contains(id)) {
                        continue;
                    }
                    int len = seg.lengths[i];
                    if (!out.isEmpty() && (out.size() >= maxRecords || bytes + len > maxBytes)) {
                        return out;
                    }
                    ByteBuffer buf = ByteBuffer.allocate(len);
                    readFully(ch, buf, seg.positions[i] + HEADER);
                    out.add(new SpoolRecord(id, buf.array()));
                    bytes += len;
                    if (out.size() >= maxRecords) {
                        return out;
                    }
                }
            }
        }
        return out;
    }

    /** Marks records as stored by the server. Unknown or already acknowledged ids are ignored. */
    public synchronized void acknowledge(long... ids) throws IOException {
        for (long id : ids) {
            if (id > cursor && contains(id)) {
                ackedAhead.add(id);
            }
        }
        advance();
    }

    private void advance() throws IOException {
        boolean moved = false;
        outer:
        for (Segment seg : segments) {
            for (int i = seg.firstIndexAfter(cursor); i < seg.count; i++) {
                if (!ackedAhead.remove(seg.ids[i])) {
                    break outer;
                }
                cursor = seg.ids[i];
                moved = true;
            }
        }
        if (!moved) {
            return;
        }
        dirty = true;
        Iterator<Segment> it = segments.iterator();
        while (it.hasNext()) {
            Segment seg = it.next();
            boolean isActive = seg == segments.peekLast();
            if (isActive || seg.lastId() > cursor) {
                break;
            }
            it.remove();
            Files.deleteIfExists(seg.file);
        }
        persistState(false);
    }

    private boolean contains(long id) {
        for (Segment seg : segments) {
            if (seg.count > 0 && id >= seg.ids[0] && id <= seg.lastId()) {
                return Arrays.binarySearch(seg.ids, 0, seg.count, id) >= 0;
            }
        }
        return false;
    }

    /**
     * The cursor is written at most once a second under a steady ack stream: losing the last
     * second of acks in a crash only means resending snapshots the server deduplicates.
     */
    private void persistState(boolean force) throws IOException {
        long now = System.currentTimeMillis();
        if (!dirty || (!force && now - lastPersist < PERSIST_EVERY_MILLIS)) {
            return;
        }
        String text = "cursor=" + cursor + "\nevicted=" + evicted + "\ncorrupt=" + corrupt + "\n";
        AtomicFiles.write(dir.resolve(STATE), text.getBytes(StandardCharsets.ISO_8859_1));
        dirty = false;
        lastPersist = now;
    }

    /** Writes a pending cursor now (called when idle and at shutdown). */
    public synchronized void flush() throws IOException {
        persistState(true);
    }

    /** Waits until a record newer than {@code afterId} exists or the timeout passes. */
    public synchronized boolean awaitAfter(long afterId, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (lastId <= afterId || lastId <= cursor) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    public synchronized long pending() {
        long n = 0;
        for (Segment seg : segments) {
            n += seg.count - seg.firstIndexAfter(cursor);
        }
        return n - ackedAhead.size();
    }

    public synchronized long bytes() {
        long n = 0;
        for (Segment seg : segments) {
            n += seg.size;
        }
        return n;
    }

    public synchronized long evicted() {
        return evicted;
    }

    /** Unsent snapshots lost to damaged segment files since the spool was created (survives restarts). */
    public synchronized long corrupt() {
        return corrupt;
    }

    /** Highest id ever appended (or recovered), Long.MIN_VALUE when the spool has never held one. */
    public synchronized long lastId() {
        return lastId;
    }

    /** Every id up to this one is acknowledged. */
    public synchronized long cursor() {
        return cursor;
    }

    public Path directory() {
        return dir;
    }

    @Override
    public synchronized void close() throws IOException {
        persistState(true);
        if (active != null) {
            active.force(true);
            active.close();
            active = null;
        }
    }

    /** In-memory index of one segment file: ids are sorted because appends are in id order. */
    private static final class Segment {
        final Path file;
        long[] ids = new long[64];
        long[] positions = new long[64];
        int[] lengths = new int[64];
        int count;
        long size;

        Segment(Path file) {
            this.file = file;
        }

        void add(long id, long pos, int len) {
            if (count == ids.length) {
                ids = Arrays.copyOf(ids, count * 2);
                positions = Arrays.copyOf(positions, count * 2);
                lengths = Arrays.copyOf(lengths, count * 2);
            }
            ids[count] = id;
            positions[count] = pos;
            lengths[count] = len;
            count++;
        }

        long lastId() {
            return ids[count - 1];
        }

        int firstIndexAfter(long id) {
            if (count == 0 || id < ids[0]) {
                return 0;
            }
            int i = Arrays.binarySearch(ids, 0, count, id);
            return i >= 0 ? i + 1 : -i - 1;
        }
    }
}

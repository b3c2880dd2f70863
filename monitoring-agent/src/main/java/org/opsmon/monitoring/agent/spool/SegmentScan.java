package org.opsmon.monitoring.agent.spool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * What recovery finds in one segment file: every record whose length and CRC32C check out, and
 * how many records were lost between them. A bad record does not end the scan: the file is
 * searched for the next position where a whole record checks out again, because the snapshots
 * behind a flipped bit or a torn block are as valuable as those before it.
 *
 * <p>Counting what was lost is a judgement about bytes that no longer say what they were. Ids
 * increase by one within a run of the agent, so the ids of the intact records on either side
 * bound the count (an id gap of zero means the damage held no record, only garbage); within
 * that bound the damaged stretch is walked by its headers as long as they look sound, and an
 * unreadable rest counts as one record. Records at or below the acknowledged cursor are already
 * on the server and are never counted.
 */
final class SegmentScan {

    static final int HEADER = 16;
    /** How much of a damaged stretch is held at once while searching for the next sound record. */
    private static final int WINDOW = 64 * 1024;

    /** One intact record: its id, where its header starts, and its payload length. */
    record Entry(long id, long position, int length) {
        long end() {
            return position + HEADER + length;
        }
    }

    private final FileChannel ch;
    private final long size;
    private final long cursor;
    private final List<Entry> intact = new ArrayList<>();
    private long lost;
    private long damagedBytes;
    private long firstDamage = -1;

    private SegmentScan(FileChannel ch, long cursor) throws IOException {
        this.ch = ch;
        this.size = ch.size();
        this.cursor = cursor;
    }

    /**
     * @param afterId the highest id in earlier segments: a record here must be newer
     * @param cursor  every id up to this one is acknowledged
     */
    static SegmentScan of(FileChannel ch, long afterId, long cursor) throws IOException {
        SegmentScan s = new SegmentScan(ch, cursor);
        s.run(afterId);
        return s;
    }

    List<Entry> intact() {
        return intact;
    }

    /** Unacknowledged records that were in this file and could not be recovered. */
    long lost() {
        return lost;
    }

    /** Bytes of the file that belong to no intact record. */
    long damagedBytes() {
        return damagedBytes;
    }

    /** True when all damage lies after the last intact record, so cutting the file repairs it. */
    boolean damageOnlyAtTail() {
        return firstDamage < 0 || firstDamage == intactEnd();
    }

    /** Where the last intact record ends (0 when there is none). */
    long intactEnd() {
        return intact.isEmpty() ? 0 : intact.get(intact.size() - 1).end();
    }

    private void run(long afterId) throws IOException {
        long pos = 0;
        long prev = afterId;
        while (pos < size) {
            Entry e = recordAt(pos, prev);
            if (e != null) {
                intact.add(e);
                prev = e.id();
                pos = e.end();
                continue;
            }
            Entry next = findNext(pos + 1, prev);
            long end = next == null ? size : next.position();
            lost += lostBetween(pos, end, prev, next);
            damagedBytes += end - pos;
            if (firstDamage < 0) {
                firstDamage = pos;
            }
            pos = end;
        }
    }

    /** The record at {@code pos} if its header is plausible, its id newer than {@code prev} and its CRC right. */
    private Entry recordAt(long pos, long prev) throws IOException {
        if (pos + HEADER > size) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        Spool.readFully(ch, header, pos);
        int len = header.getInt(0);
        int crc = header.getInt(4);
        long id = header.getLong(8);
        if (!plausible(pos, len, id, prev) || crcOf(pos + HEADER, id, len) != crc) {
            return null;
        }
        return new Entry(id, pos, len);
    }

    private boolean plausible(long pos, int len, long id, long prev) {
        return len >= 0 && pos + HEADER + len <= size && id > prev;
    }

    /** Streams the payload through the CRC so a bogus length cannot make recovery allocate it. */
    private int crcOf(long payloadPos, long id, int len) throws IOException {
        CRC32C c = start(id);
        ByteBuffer buf = ByteBuffer.allocate(Math.min(len, WINDOW));
        long done = 0;
        while (done < len) {
            buf.clear().limit((int) Math.min(buf.capacity(), len - done));
            int n = Spool.readFully(ch, buf, payloadPos + done);
            if (n <= 0) {
                return ~0;
            }
            c.update(buf.array(), 0, n);
            done += n;
        }
        return (int) c.getValue();
    }

    /** The first sound record at or after {@code from}, searched a window at a time. */
    private Entry findNext(long from, long prev) throws IOException {
        ByteBuffer w = ByteBuffer.allocate(WINDOW + HEADER);
        for (long base = from; base + HEADER <= size; base += WINDOW) {
            w.clear();
            int n = Spool.readFully(ch, w, base);
            for (int i = 0; i + HEADER <= n && i < WINDOW; i++) {
                // Cheap tests first: payloads are JSON text, so their bytes rarely pass for a header.
                if (plausible(base + i, w.getInt(i), w.getLong(i + 8), prev)) {
                    Entry e = recordAt(base + i, prev);
                    if (e != null) {
                        return e;
                    }
                }
            }
        }
        return null;
    }

    private long lostBetween(long from, long to, long prev, Entry next) throws IOException {
        long walked = walk(from, to, prev, next == null ? Long.MAX_VALUE : next.id());
        long floor = Math.max(prev, cursor);
        if (next == null || floor == Long.MIN_VALUE) {
            return walked;
        }
        return Math.max(0, Math.min(walked, next.id() - floor - 1));
    }

    /** Records in a damaged stretch, following headers while they look sound. */
    private long walk(long from, long to, long prev, long below) throws IOException {
        long count = 0;
        long q = from;
        long last = prev;
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        while (q < to) {
            header.clear();
            if (q + HEADER > to || Spool.readFully(ch, header, q) < HEADER) {
                return count + 1;
            }
            int len = header.getInt(0);
            long id = header.getLong(8);
            if (len < 0 || q + HEADER + len > to || id <= last || id >= below) {
                return count + 1;
            }
            if (id > cursor) {
                count++;
            }
            last = id;
            q += HEADER + len;
        }
        return count;
    }

    /** The checksum of a record covers its id as well as its payload, so a record cannot pass for another. */
    static CRC32C start(long id) {
        CRC32C c = new CRC32C();
        c.update(ByteBuffer.allocate(8).putLong(id).array());
        return c;
    }
}

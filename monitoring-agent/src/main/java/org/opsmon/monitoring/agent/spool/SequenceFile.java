package org.opsmon.monitoring.agent.spool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Hands out snapshot sequence numbers that increase strictly across restarts. The server drops a
 * re-sent seq as a duplicate, so a seq must never be reused: numbers are reserved in blocks that
 * are persisted before use (a crash skips the rest of a block, which is harmless), and with no
 * state at all numbering starts at the wall clock in milliseconds — far above anything an earlier
 * install of this agent could have reached, since it emits at most a few snapshots per second.
 */
public final class SequenceFile {

    private static final String FILE = "seq.state";
    private static final long BLOCK = 1_000;

    private final Path file;
    private long next;
    private long reservedUpTo;

    private SequenceFile(Path file, long next) {
        this.file = file;
        this.next = next;
        this.reservedUpTo = next;
    }

    /** @param floor the spool's highest id, so numbering never falls behind what is on disk */
    public static SequenceFile open(Path dir, long floor) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(FILE);
        long start;
        if (Files.exists(file)) {
            start = Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } else {
            start = System.currentTimeMillis();
        }
        if (floor != Long.MIN_VALUE) {
            start = Math.max(start, floor + 1);
        }
        return new SequenceFile(file, start);
    }

    public synchronized long next() throws IOException {
        if (next >= reservedUpTo) {
            reservedUpTo = next + BLOCK;
            AtomicFiles.write(file, (reservedUpTo + "\n").getBytes(StandardCharsets.US_ASCII));
        }
        return next++;
    }
}

package org.opsmon.monitoring.bench;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code jcmd PID GC.heap_info}: the heap in use and the metaspace in use, in bytes. Run
 * right after {@code GC.run}, the heap figure is what survived a full collection, the live data a
 * leak shows up in. The output differs per collector: G1, Serial and Parallel print one
 * {@code total …K, used …K} line per heap region group (summed here), ZGC one {@code ZHeap used
 * …M} line; metaspace is printed alike by all.
 */
record HeapInfo(long heapUsed, long metaspaceUsed) {

    private static final Pattern GENERATION = Pattern.compile("total\\s+\\d+[KMG],\\s+used\\s+(\\d+)([KMG])");
    private static final Pattern Z_HEAP = Pattern.compile("^\\s*ZHeap\\s+used\\s+(\\d+)([KMG])");
    private static final Pattern METASPACE = Pattern.compile("^\\s*Metaspace\\s+used\\s+(\\d+)([KMG])");

    /** Empty when the text names no heap at all (jcmd failed, or a collector this does not know). */
    static Optional<HeapInfo> parse(String heapInfo) {
        long heap = 0;
        boolean found = false;
        long metaspace = -1;
        for (String line : heapInfo.split("\\R")) {
            Matcher metaspaceLine = METASPACE.matcher(line);
            if (metaspaceLine.find()) {
                metaspace = bytes(metaspaceLine);
                continue;
            }
            Matcher z = Z_HEAP.matcher(line);
            Matcher generation = GENERATION.matcher(line);
            if (z.find()) {
                heap += bytes(z);
                found = true;
            } else if (generation.find()) {
                heap += bytes(generation);
                found = true;
            }
        }
        return found ? Optional.of(new HeapInfo(heap, metaspace)) : Optional.empty();
    }

    private static long bytes(Matcher m) {
        long value = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "K" -> value << 10;
            case "M" -> value << 20;
            default -> value << 30;
        };
    }
}

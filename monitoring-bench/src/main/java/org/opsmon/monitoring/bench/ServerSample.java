package org.opsmon.monitoring.bench;

/**
 * The server process at one moment of a soak, sizes in bytes; -1 where a figure could not be
 * read. {@code heapAfterGc} is the heap in use right after a full collection.
 */
record ServerSample(long second, long rss, long heapAfterGc, long metaspace, long threads, long openFiles) {

    boolean hasMemory() {
        return rss >= 0 && heapAfterGc >= 0;
    }
}

package org.opsmon.monitoring.agent.collect;

import jakarta.json.JsonValue;
import java.util.Map;

/**
 * One metric family. The scheduler owns timing, threads and timeouts so that a collector is just
 * "read the machine, return sections"; anything it throws is reported as that family's failure only.
 */
public interface Collector {

    /** Stable name used in {@code collectors[].name} and in {@code interval.<name>} config keys. */
    String name();

    /**
     * Reads the current values. Returns the top-level snapshot fields this family owns
     * (usually one, e.g. {@code "memory"}); an empty map means "nothing to report this time".
     */
    Map<String, JsonValue> collect() throws Exception;

    /**
     * True when a run can wait on something other than the kernel's own counters: a mount, a
     * device driver, a child process, the network, another process's memory or a home directory
     * that may be on NFS. Such a collector gets a thread of its own; the others share one.
     */
    default boolean mayBlock() {
        return true;
    }
}

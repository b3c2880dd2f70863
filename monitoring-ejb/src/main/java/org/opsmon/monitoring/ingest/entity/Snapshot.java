package org.opsmon.monitoring.ingest.entity;

import java.time.Instant;
import java.util.List;

/**
 * One validated snapshot: everything a source reported at one instant, already turned into
 * measurements of series. {@code seq} (optional) makes re-sends idempotent; {@code bootTime}
 * lets counter rates notice a reboot; {@code json} is what the sender sent, for "latest" views.
 */
public record Snapshot(Instant time, Long seq, Long bootTime, List<Measurement> measurements,
                       List<CommandRun> commands, String json) {

    public Snapshot {
        measurements = List.copyOf(measurements);
        commands = List.copyOf(commands);
    }
}

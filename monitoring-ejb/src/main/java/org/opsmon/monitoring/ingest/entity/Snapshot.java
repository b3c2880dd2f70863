package org.opsmon.monitoring.ingest.entity;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one source reported at one instant, already turned into measurements of series:
 * what ingestion takes, whatever the source. {@code seq} (optional) makes re-sends idempotent;
 * {@code bootTime} (optional, seconds since the epoch) lets counter rates notice a reboot;
 * {@code json} is what "latest" views show: the sender's own JSON for snapshots that arrived as
 * JSON, the rich form rendered once from the readings for snapshots built in the server.
 * {@code texts} are the descriptive values that are no series (host name, OS), by rich-form path
 * ({@code system.hostname}); they travel on to {@link SamplesIngested} so live views can show them.
 */
public record Snapshot(Instant time, Long seq, Long bootTime, List<Measurement> measurements,
                       List<CommandRun> commands, JsonObject json, Map<String, String> texts) {

    public Snapshot {
        Objects.requireNonNull(time);
        Objects.requireNonNull(json);
        measurements = List.copyOf(measurements);
        commands = List.copyOf(commands);
        texts = texts == null || texts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    /** A snapshot without descriptive texts. */
    public Snapshot(Instant time, Long seq, Long bootTime, List<Measurement> measurements,
                    List<CommandRun> commands, JsonObject json) {
        this(time, seq, bootTime, measurements, commands, json, Map.of());
    }
}

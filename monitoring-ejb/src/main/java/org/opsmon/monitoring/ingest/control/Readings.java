package org.opsmon.monitoring.ingest.control;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.opsmon.monitoring.ingest.entity.CommandRun;
import org.opsmon.monitoring.ingest.entity.CounterRule;
import org.opsmon.monitoring.ingest.entity.CounterWidth;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;

/**
 * Builds one typed snapshot: how a source inside the server (the self-sampler, an SNMP poller)
 * hands its readings to {@link Ingestion} without writing JSON, and what the JSON schema fills
 * for agents. A null value means "not measured" and is left out; a value must be finite.
 *
 * <pre>{@code
 * Snapshot polled = Readings.at(now)
 *         .gauge(SeriesKey.of("if.oper_status", "if_name", "ge-0/0/1"), 1.0)
 *         .counter(SeriesKey.of("if.in_octets", "if_name", "ge-0/0/1"), 123456.0, CounterWidth.BITS_32)
 *         .text("system.hostname", "switch-1")
 *         .build();
 * }</pre>
 *
 * Sums and percentages ({@code storage.*}, {@code memory.swap_percentage}...) and counter rates
 * are not built here: ingestion derives them for every source alike.
 */
public final class Readings {

    private final Instant time;
    private Long seq;
    private Long bootTime;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<CommandRun> commands = new ArrayList<>();
    private final Map<String, String> texts = new LinkedHashMap<>();

    private Readings(Instant time) {
        this.time = Objects.requireNonNull(time);
    }

    public static Readings at(Instant time) {
        return new Readings(time);
    }

    /** The sender's sequence number: a snapshot re-sent with it is stored once. */
    public Readings seq(Long sequence) {
        this.seq = sequence;
        return this;
    }

    /**
     * When the source last booted (seconds since the epoch), stored as {@code system.boot_time}:
     * a change tells counter rates that counters started again from zero.
     */
    public Readings bootTime(Long epochSeconds) {
        if (epochSeconds != null) {
            this.bootTime = epochSeconds;
            gauge(SeriesNames.BOOT_TIME, epochSeconds.doubleValue());
        }
        return this;
    }

    public Readings gauge(SeriesKey key, double value) {
        measurements.add(Measurement.gauge(key, finite(key, value)));
        return this;
    }

    /** A gauge that may not have been measured (null). */
    public Readings gauge(SeriesKey key, Double value) {
        return value == null ? this : gauge(key, value.doubleValue());
    }

    /** A raw counter: stored as it is, and the server derives its rate {@code <metric>_per_s}. */
    public Readings counter(SeriesKey key, double value, CounterWidth width) {
        measurements.add(Measurement.counter(key, finite(key, value), width));
        return this;
    }

    /** A raw counter whose rate is named, scaled and bounded by {@code rule}. */
    public Readings counter(SeriesKey key, double value, CounterWidth width, CounterRule rule) {
        measurements.add(Measurement.counter(key, finite(key, value), width, rule));
        return this;
    }

    /** A counter that may not have been read (null). */
    public Readings counter(SeriesKey key, Double value, CounterWidth width) {
        return value == null ? this : counter(key, value.doubleValue(), width);
    }

    /**
     * Descriptive text (host name, OS...) by rich-form path: shown in the latest view of a built
     * snapshot and in live views of any snapshot; not a series.
     */
    public Readings text(String path, String value) {
        if (value != null) {
            texts.put(path, value);
        }
        return this;
    }

    public Readings command(CommandRun run) {
        commands.add(Objects.requireNonNull(run));
        return this;
    }

    /** True when there is nothing to store: no measurement and no command. */
    public boolean isEmpty() {
        return measurements.isEmpty() && commands.isEmpty();
    }

    /** The snapshot, with its latest view rendered once from these readings in the rich form. */
    public Snapshot build() {
        return build(RichFormView.render(time, seq, measurements, texts));
    }

    /** The snapshot of a sender's JSON, which stays its latest view. */
    Snapshot build(JsonObject sent) {
        return new Snapshot(time, seq, bootTime, measurements, commands, sent, texts);
    }

    private static double finite(SeriesKey key, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(key + " is not a finite number: " + value);
        }
        return value;
    }
}

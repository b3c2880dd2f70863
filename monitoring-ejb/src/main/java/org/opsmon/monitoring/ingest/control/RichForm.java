package org.opsmon.monitoring.ingest.control;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.opsmon.monitoring.ingest.control.SeriesNames.ListSection;
import org.opsmon.monitoring.ingest.entity.CommandRun;
import org.opsmon.monitoring.ingest.entity.CounterWidth;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.platform.entity.ColumnSizes;

/**
 * The rich form agents send: which sections and fields exist, their units and bounds, which
 * are counters. Every section is optional; unknown members are ignored so that older servers
 * accept newer agents. Names come from {@link SeriesNames}; sums and percentages are derived
 * later, for every source alike ({@link DerivedSeries}).
 */
final class RichForm {

    static final Set<String> KEYS = Set.of("timestamp", "seq", "processor", "memory", "disk", "disk_io", "network",
            "gpu", "system", "uptime", "commands", "collectors", "link", "agent");
    static final double MIN_TEMPERATURE = -100;
    /** Unix time 10^11, in the year 5138: the latest instant the history API reads, too. */
    static final long MAX_BOOT_TIME = 100_000_000_000L;
    static final double MAX_TEMPERATURE = 200;

    private static final List<String> PROCESSOR_FIELDS = List.of("frequency_current", "frequency_max", "load_1",
            "load_5", "load_15");
    private static final List<String> DISK_IO_COUNTERS = List.of("read_bytes", "write_bytes", "reads", "writes");
    private static final List<String> NETWORK_COUNTERS = List.of("bytes_sent", "bytes_recv", "packets_sent",
            "packets_recv", "errors_in", "errors_out", "drops_in", "drops_out");
    private static final List<String> LINK_FIELDS = List.of("download_bps", "upload_bps", "rtt_ms");
    private static final List<String> AGENT_FIELDS = List.of("spool_bytes", "spool_pending", "spool_evicted",
            "commands_dropped", "snapshots_rejected");
    private static final List<String> AGENT_COUNTS = List.of("spool_corrupt", "commands_truncated", "dead_lettered");

    /** Descriptive members of {@code system}: kept as sent, and passed on as texts for live views. */
    private static final List<String> SYSTEM_TEXTS = List.of("hostname", "os_name", "os_version", "architecture");

    private RichForm() {
    }

    static Snapshot read(JsonFields in, JsonObject json, Instant now) {
        Instant time = SnapshotParser.time(in, "timestamp", now);
        Readings out = Readings.at(time).seq(in.wholeNumber("seq"));
        JsonFields processor = in.object("processor");
        if (processor != null) {
            processor(processor, out);
        }
        JsonFields memory = in.object("memory");
        if (memory != null) {
            memory(memory, out);
        }
        disks(in, out);
        counters(in, ListSection.DISK_IO, DISK_IO_COUNTERS, out);
        counters(in, ListSection.NETWORK, NETWORK_COUNTERS, out);
        JsonFields gpu = in.object("gpu");
        if (gpu != null) {
            gpu(gpu, out);
        }
        JsonFields system = in.object("system");
        if (system != null) {
            for (String field : SYSTEM_TEXTS) {
                out.text("system." + field, system.string(field));
            }
            out.bootTime(bootTime(system))
                    .gauge(SeriesNames.of("system", "processes"), system.count("processes"))
                    .gauge(SeriesNames.of("system", "users"), system.count("users"))
                    .gauge(SeriesNames.UPTIME, system.nonNegative("uptime"));
        }
        // Older agents sent the uptime at the top level; checked even when system.uptime wins.
        Double legacyUptime = in.nonNegative("uptime");
        if (system == null || !system.has("uptime")) {
            out.gauge(SeriesNames.UPTIME, legacyUptime);
        }
        collectors(in, out);
        fields(in.object("link"), "link", LINK_FIELDS, out);
        JsonFields agent = in.object("agent");
        if (agent != null) {
            agent.strings("version");
            fields(agent, "agent", AGENT_FIELDS, out);
            for (String field : AGENT_COUNTS) {
                out.gauge(SeriesNames.of("agent", field), agent.count(field));
            }
        }
        commands(in, time, out);
        if (out.isEmpty()) {
            throw new InvalidSnapshotException(in.path(), "carries no metric and no command");
        }
        return out.build(json);
    }

    private static void processor(JsonFields p, Readings out) {
        out.gauge(SeriesNames.CPU_USAGE, p.percent("usage_percent"));
        JsonArray cores = p.array("per_core_usage");
        if (cores != null) {
            for (int i = 0; i < cores.size(); i++) {
                out.gauge(SeriesNames.core(i), p.percentAt(cores, i, "per_core_usage"));
            }
        }
        out.gauge(SeriesNames.of("processor", "core_count"), p.count("core_count"))
                .gauge(SeriesNames.of("processor", "logical_count"), p.count("logical_count"));
        fields(p, "processor", PROCESSOR_FIELDS, out);
    }

    private static void memory(JsonFields m, Readings out) {
        Double total = m.nonNegative("total");
        Double used = m.nonNegative("used");
        Double available = m.nonNegative("available");
        notAbove(m, "used", used, "memory.total", total);
        out.gauge(SeriesNames.of("memory", "total"), total)
                .gauge(SeriesNames.of("memory", "available"), available)
                .gauge(SeriesNames.MEMORY_USED, used)
                .gauge(SeriesNames.of("memory", "percentage"), m.percent("percentage"));
        Double swapTotal = m.nonNegative("swap_total");
        Double swapUsed = m.nonNegative("swap_used");
        out.gauge(SeriesNames.of("memory", "swap_total"), swapTotal);
        notAbove(m, "swap_used", swapUsed, "memory.swap_total", swapTotal);
        out.gauge(SeriesNames.of("memory", "swap_used"), swapUsed);
    }

    private static void disks(JsonFields in, Readings out) {
        List<JsonFields> disks = in.objects(ListSection.DISK.path());
        if (disks == null) {
            return;
        }
        for (JsonFields d : disks) {
            String mount = d.label(ListSection.DISK);
            // The device names the disk as much as its path does; the agent bounds both alike.
            d.string("device", JsonFields.MAX_LABEL_LENGTH);
            d.strings("fs_type");
            Double total = d.nonNegative("total");
            Double used = d.nonNegative("used");
            notAbove(d, "used", used, "total", total);
            out.gauge(ListSection.DISK.item("total", mount), total)
                    .gauge(ListSection.DISK.item("used", mount), used)
                    .gauge(ListSection.DISK.item("free", mount), d.nonNegative("free"))
                    .gauge(ListSection.DISK.item("percentage", mount), d.percent("percentage"));
        }
    }

    private static void counters(JsonFields in, ListSection section, List<String> fields, Readings out) {
        List<JsonFields> items = in.objects(section.path());
        if (items == null) {
            return;
        }
        for (JsonFields item : items) {
            String key = item.label(section);
            for (String field : fields) {
                out.counter(section.item(field, key), item.nonNegative(field), CounterWidth.BITS_64);
            }
        }
    }

    private static void gpu(JsonFields g, Readings out) {
        out.gauge(SeriesNames.of("gpu", "count"), g.count("count"));
        List<JsonFields> gpus = g.objects("gpus");
        if (gpus == null) {
            return;
        }
        ListSection section = ListSection.GPUS;
        for (JsonFields item : gpus) {
            String id = item.labelOrNumber(section);
            item.strings("name", "driver_version");
            Double total = item.nonNegative("memory_total");
            Double used = item.nonNegative("memory_used");
            Double reserved = item.nonNegative("memory_reserved");
            notAbove(item, "memory_used", used, "memory_total", total);
            notAbove(item, "memory_reserved", reserved, "memory_total", total);
            out.gauge(section.item("memory_total", id), total)
                    .gauge(section.item("memory_used", id), used)
                    .gauge(section.item("memory_reserved", id), reserved)
                    .gauge(section.item("gpu_usage_percent", id), item.percent("gpu_usage_percent"))
                    .gauge(section.item("temperature", id), item.range("temperature", MIN_TEMPERATURE, MAX_TEMPERATURE))
                    .gauge(section.item("power_draw", id), item.nonNegative("power_draw"))
                    .gauge(section.item("power_limit", id), item.nonNegative("power_limit"));
        }
    }

    private static void collectors(JsonFields in, Readings out) {
        List<JsonFields> collectors = in.objects(ListSection.COLLECTORS.path());
        if (collectors == null) {
            return;
        }
        for (JsonFields c : collectors) {
            String name = c.label(ListSection.COLLECTORS);
            Boolean success = c.bool("success");
            out.gauge(ListSection.COLLECTORS.item("success", name), success == null ? null : success ? 1.0 : 0.0)
                    .gauge(ListSection.COLLECTORS.item("duration_ms", name), c.nonNegative("duration_ms"));
            c.strings("error");
        }
    }

    private static void commands(JsonFields in, Instant snapshotTime, Readings out) {
        List<JsonFields> items = in.objects("commands");
        if (items == null) {
            return;
        }
        for (JsonFields c : items) {
            String user = c.requiredString("user", ColumnSizes.COMMAND_USERNAME);
            String command = c.requiredString("command", ColumnSizes.COMMAND_TEXT);
            // A command cannot start long after the snapshot that reports it.
            Instant started = c.has("started_at") ? SnapshotParser.time(c, "started_at", snapshotTime) : snapshotTime;
            Long pid = c.wholeNumber("pid");
            String origin = c.string("source");
            if (origin != null && !origin.equals(CommandRun.PROCESS) && !origin.equals(CommandRun.HISTORY)) {
                throw c.invalid("source", "must be \"" + CommandRun.PROCESS + "\" or \"" + CommandRun.HISTORY + "\"");
            }
            out.command(new CommandRun(user, command, started, pid, origin == null ? CommandRun.PROCESS : origin));
        }
    }

    /**
     * When the host booted, in whole seconds since the epoch, at most {@link #MAX_BOOT_TIME}: a
     * larger number is milliseconds sent by mistake. Zero stays allowed (a host whose clock was
     * reset reports it), and so does a time after the snapshot's: boot times come from a clock
     * that may have been stepped since.
     */
    private static Long bootTime(JsonFields system) {
        Long seconds = system.wholeNumber("boot_time");
        if (seconds != null && seconds > MAX_BOOT_TIME) {
            throw system.invalid("boot_time", "is later than " + MAX_BOOT_TIME + "; seconds since the epoch are expected");
        }
        return seconds;
    }

    /** Non-negative gauges named after their section and field. */
    private static void fields(JsonFields section, String name, List<String> fields, Readings out) {
        if (section == null) {
            return;
        }
        for (String field : fields) {
            out.gauge(SeriesNames.of(name, field), section.nonNegative(field));
        }
    }

    private static void notAbove(JsonFields in, String field, Double value, String limitName, Double limit) {
        if (value != null && limit != null && value > limit) {
            throw in.invalid(field, "is larger than " + limitName);
        }
    }
}

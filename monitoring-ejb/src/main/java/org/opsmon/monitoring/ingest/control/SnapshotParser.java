package org.opsmon.monitoring.ingest.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.opsmon.monitoring.ingest.entity.CommandRun;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;

/**
 * Turns the JSON an agent (or the server itself) sends into validated snapshots. The whole
 * request is checked before anything is stored, and the first problem is reported with its
 * JSON path, e.g. {@code [2].disk[0].percentage: must be between 0 and 100, got 140}.
 * Series names are the rich form's field paths; list items are labelled by their key field.
 */
@ApplicationScoped
public class SnapshotParser {

    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    static final int MAX_SNAPSHOTS = 1000;
    static final int MAX_LIST_ITEMS = 4096;
    static final int MAX_LABEL_LENGTH = 256;
    static final int MAX_COMMAND_LENGTH = 4096;
    static final double MIB = 1024.0 * 1024.0;
    /** 2000-01-01: older timestamps are a unit mistake, not history. */
    static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

    private static final Set<String> FLAT_KEYS = Set.of("cpu_load", "mem", "storage", "time");
    private static final Set<String> RICH_KEYS = Set.of("timestamp", "seq", "processor", "memory", "disk",
            "disk_io", "network", "gpu", "system", "uptime", "commands", "collectors", "link", "agent");

    private final Clock clock;

    public SnapshotParser() {
        this(Clock.systemUTC());
    }

    public SnapshotParser(Clock clock) {
        this.clock = clock;
    }

    /** A single snapshot object or an array of them. */
    public List<Snapshot> parse(JsonValue body) {
        Instant now = clock.instant();
        if (body instanceof JsonObject object) {
            return List.of(snapshot(object, "", now));
        }
        if (body instanceof JsonArray array) {
            if (array.isEmpty()) {
                throw new InvalidSnapshotException("", "the array holds no snapshot");
            }
            if (array.size() > MAX_SNAPSHOTS) {
                throw new InvalidSnapshotException("", "at most " + MAX_SNAPSHOTS + " snapshots per request, got "
                        + array.size());
            }
            List<Snapshot> snapshots = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                JsonValue item = array.get(i);
                if (!(item instanceof JsonObject object)) {
                    throw new InvalidSnapshotException("[" + i + "]", "must be a JSON object");
                }
                snapshots.add(snapshot(object, "[" + i + "]", now));
            }
            return snapshots;
        }
        throw new InvalidSnapshotException("", "the body must be a snapshot object or an array of snapshots");
    }

    private Snapshot snapshot(JsonObject json, String path, Instant now) {
        boolean rich = json.keySet().stream().anyMatch(RICH_KEYS::contains);
        boolean flat = json.keySet().stream().anyMatch(FLAT_KEYS::contains);
        if (!rich && !flat) {
            throw new InvalidSnapshotException(path, "carries no known metric (expected the flat form "
                    + "{cpu_load, mem, storage, time} or the rich form {timestamp, processor, memory, ...})");
        }
        Reader in = new Reader(json, path);
        return rich ? rich(in, json, now) : flat(in, json, now);
    }

    private Snapshot flat(Reader in, JsonObject json, Instant now) {
        Instant time = time(in, "time", now);
        List<Measurement> out = new ArrayList<>();
        Double cpu = in.percent("cpu_load");
        if (cpu != null) {
            out.add(Measurement.gauge(SeriesKey.of("processor.usage_percent"), cpu));
        }
        Double mem = in.nonNegative("mem");
        if (mem != null) {
            out.add(Measurement.gauge(SeriesKey.of("memory.used"), mem * MIB));
        }
        Double storage = in.nonNegative("storage");
        if (storage != null) {
            out.add(Measurement.gauge(SeriesKey.of("storage.used"), storage * MIB));
        }
        if (out.isEmpty()) {
            throw new InvalidSnapshotException(in.path, "carries no value: cpu_load, mem or storage is required");
        }
        return new Snapshot(time, null, null, out, List.of(), json.toString());
    }

    private Snapshot rich(Reader in, JsonObject json, Instant now) {
        Instant time = time(in, "timestamp", now);
        Long seq = in.wholeNumber("seq");
        List<Measurement> out = new ArrayList<>();
        Reader processor = in.object("processor");
        if (processor != null) {
            processor(processor, out);
        }
        Reader memory = in.object("memory");
        if (memory != null) {
            memory(memory, out);
        }
        disks(in, out);
        counters(in, "disk_io", "device", List.of("read_bytes", "write_bytes", "reads", "writes"), out);
        counters(in, "network", "interface", List.of("bytes_sent", "bytes_recv", "packets_sent", "packets_recv",
                "errors_in", "errors_out", "drops_in", "drops_out"), out);
        Reader gpu = in.object("gpu");
        if (gpu != null) {
            gpu(gpu, out);
        }
        Long bootTime = null;
        Reader system = in.object("system");
        if (system != null) {
            in.checkString(system, "hostname", "os_name", "os_version", "architecture");
            bootTime = system.wholeNumber("boot_time");
            gauge(out, "system.boot_time", bootTime == null ? null : bootTime.doubleValue());
            gauge(out, "system.processes", system.count("processes"));
            gauge(out, "system.users", system.count("users"));
            gauge(out, "system.uptime", system.nonNegative("uptime"));
        }
        if (system == null || !system.has("uptime")) {
            gauge(out, "system.uptime", in.nonNegative("uptime"));
        }
        collectors(in, out);
        Reader link = in.object("link");
        if (link != null) {
            gauge(out, "link.download_bps", link.nonNegative("download_bps"));
            gauge(out, "link.upload_bps", link.nonNegative("upload_bps"));
            gauge(out, "link.rtt_ms", link.nonNegative("rtt_ms"));
        }
        Reader agent = in.object("agent");
        if (agent != null) {
            in.checkString(agent, "version");
            for (String field : List.of("spool_bytes", "spool_pending", "spool_evicted", "commands_dropped",
                    "snapshots_rejected")) {
                gauge(out, "agent." + field, agent.nonNegative(field));
            }
        }
        List<CommandRun> commands = commands(in, time);
        if (out.isEmpty() && commands.isEmpty()) {
            throw new InvalidSnapshotException(in.path, "carries no metric and no command");
        }
        return new Snapshot(time, seq, bootTime, out, commands, json.toString());
    }

    private void processor(Reader p, List<Measurement> out) {
        gauge(out, "processor.usage_percent", p.percent("usage_percent"));
        JsonArray cores = p.array("per_core_usage");
        if (cores != null) {
            for (int i = 0; i < cores.size(); i++) {
                double value = p.percentAt(cores, i, "per_core_usage");
                out.add(Measurement.gauge(SeriesKey.of("processor.per_core_usage", "core", String.valueOf(i)), value));
            }
        }
        gauge(out, "processor.core_count", p.count("core_count"));
        gauge(out, "processor.logical_count", p.count("logical_count"));
        gauge(out, "processor.frequency_current", p.nonNegative("frequency_current"));
        gauge(out, "processor.frequency_max", p.nonNegative("frequency_max"));
        gauge(out, "processor.load_1", p.nonNegative("load_1"));
        gauge(out, "processor.load_5", p.nonNegative("load_5"));
        gauge(out, "processor.load_15", p.nonNegative("load_15"));
    }

    private void memory(Reader m, List<Measurement> out) {
        Double total = m.nonNegative("total");
        Double used = m.nonNegative("used");
        Double available = m.nonNegative("available");
        if (total != null && used != null && used > total) {
            throw new InvalidSnapshotException(m.path + ".used", "is larger than memory.total");
        }
        gauge(out, "memory.total", total);
        gauge(out, "memory.available", available);
        gauge(out, "memory.used", used);
        gauge(out, "memory.percentage", m.percent("percentage"));
        Double swapTotal = m.nonNegative("swap_total");
        Double swapUsed = m.nonNegative("swap_used");
        gauge(out, "memory.swap_total", swapTotal);
        if (swapTotal != null && swapUsed != null && swapUsed > swapTotal) {
            throw new InvalidSnapshotException(m.path + ".swap_used", "is larger than memory.swap_total");
        }
        gauge(out, "memory.swap_used", swapUsed);
        if (swapTotal != null && swapUsed != null && swapTotal > 0) {
            gauge(out, "memory.swap_percentage", Math.min(100.0, 100.0 * swapUsed / swapTotal));
        }
    }

    private void disks(Reader in, List<Measurement> out) {
        List<Reader> disks = in.objects("disk");
        if (disks == null) {
            return;
        }
        double usedSum = 0;
        double totalSum = 0;
        boolean anyUsed = false;
        boolean anyTotal = false;
        for (Reader d : disks) {
            String mount = d.label("path");
            d.string("device");
            d.string("fs_type");
            Double total = d.nonNegative("total");
            Double used = d.nonNegative("used");
            Double free = d.nonNegative("free");
            if (total != null && used != null && used > total) {
                throw new InvalidSnapshotException(d.path + ".used", "is larger than total");
            }
            labelled(out, "disk.total", "path", mount, total);
            labelled(out, "disk.used", "path", mount, used);
            labelled(out, "disk.free", "path", mount, free);
            labelled(out, "disk.percentage", "path", mount, d.percent("percentage"));
            if (used != null) {
                usedSum += used;
                anyUsed = true;
            }
            if (total != null) {
                totalSum += total;
                anyTotal = true;
            }
        }
        if (anyUsed) {
            gauge(out, "storage.used", usedSum);
        }
        if (anyTotal) {
            gauge(out, "storage.total", totalSum);
            if (anyUsed && totalSum > 0) {
                gauge(out, "storage.percentage", Math.min(100.0, 100.0 * usedSum / totalSum));
            }
        }
    }

    private void counters(Reader in, String section, String key, List<String> fields, List<Measurement> out) {
        List<Reader> items = in.objects(section);
        if (items == null) {
            return;
        }
        for (Reader item : items) {
            String name = item.label(key);
            for (String field : fields) {
                Double value = item.nonNegative(field);
                if (value != null) {
                    out.add(Measurement.counter(SeriesKey.of(section + "." + field, key, name), value));
                }
            }
        }
    }

    private void gpu(Reader g, List<Measurement> out) {
        gauge(out, "gpu.count", g.count("count"));
        List<Reader> gpus = g.objects("gpus");
        if (gpus == null) {
            return;
        }
        for (Reader item : gpus) {
            String id = item.labelOrNumber("id");
            item.string("name");
            item.string("driver_version");
            Double total = item.nonNegative("memory_total");
            Double used = item.nonNegative("memory_used");
            if (total != null && used != null && used > total) {
                throw new InvalidSnapshotException(item.path + ".memory_used", "is larger than memory_total");
            }
            labelled(out, "gpu.memory_total", "id", id, total);
            labelled(out, "gpu.memory_used", "id", id, used);
            if (total != null && used != null && total > 0) {
                labelled(out, "gpu.memory_percentage", "id", id, Math.min(100.0, 100.0 * used / total));
            }
            labelled(out, "gpu.gpu_usage_percent", "id", id, item.percent("gpu_usage_percent"));
            labelled(out, "gpu.temperature", "id", id, item.range("temperature", -100, 200));
            labelled(out, "gpu.power_draw", "id", id, item.nonNegative("power_draw"));
            labelled(out, "gpu.power_limit", "id", id, item.nonNegative("power_limit"));
        }
    }

    private void collectors(Reader in, List<Measurement> out) {
        List<Reader> collectors = in.objects("collectors");
        if (collectors == null) {
            return;
        }
        for (Reader c : collectors) {
            String name = c.label("name");
            Boolean success = c.bool("success");
            if (success != null) {
                labelled(out, "agent.collector.success", "collector", name, success ? 1.0 : 0.0);
            }
            labelled(out, "agent.collector.duration_ms", "collector", name, c.nonNegative("duration_ms"));
            c.string("error");
        }
    }

    private List<CommandRun> commands(Reader in, Instant snapshotTime) {
        List<Reader> items = in.objects("commands");
        if (items == null) {
            return List.of();
        }
        List<CommandRun> runs = new ArrayList<>(items.size());
        for (Reader c : items) {
            String user = c.label("user");
            String command = c.requiredString("command", MAX_COMMAND_LENGTH);
            Instant started = c.has("started_at") ? time(c, "started_at", snapshotTime) : snapshotTime;
            Long pid = c.wholeNumber("pid");
            String origin = c.string("source");
            if (origin != null && !origin.equals("process") && !origin.equals("history")) {
                throw new InvalidSnapshotException(c.path + ".source", "must be \"process\" or \"history\"");
            }
            runs.add(new CommandRun(user, command, started, pid, origin == null ? "process" : origin));
        }
        return runs;
    }

    private Instant time(Reader in, String field, Instant now) {
        Double seconds = in.number(field);
        if (seconds == null) {
            return now.truncatedTo(ChronoUnit.MILLIS);
        }
        Instant time = Instant.ofEpochMilli(Math.round(seconds * 1000.0));
        if (time.isAfter(now.plus(MAX_FUTURE))) {
            throw new InvalidSnapshotException(in.path(field), "is more than 5 minutes in the future ("
                    + time + "); seconds since the epoch are expected");
        }
        if (time.isBefore(EARLIEST)) {
            throw new InvalidSnapshotException(in.path(field), "is before the year 2000; seconds since the epoch "
                    + "are expected");
        }
        return time;
    }

    private static void gauge(List<Measurement> out, String metric, Double value) {
        if (value != null) {
            out.add(Measurement.gauge(SeriesKey.of(metric), value));
        }
    }

    private static void labelled(List<Measurement> out, String metric, String label, String labelValue, Double value) {
        if (value != null) {
            out.add(Measurement.gauge(SeriesKey.of(metric, label, labelValue), value));
        }
    }

    /** Typed, path-aware access to one JSON object; null members count as absent. */
    static final class Reader {
        final JsonObject json;
        final String path;

        Reader(JsonObject json, String path) {
            this.json = json;
            this.path = path;
        }

        String path(String field) {
            return path.isEmpty() ? field : path + "." + field;
        }

        boolean has(String field) {
            JsonValue value = json.get(field);
            return value != null && value.getValueType() != JsonValue.ValueType.NULL;
        }

        Reader object(String field) {
            if (!has(field)) {
                return null;
            }
            if (!(json.get(field) instanceof JsonObject object)) {
                throw new InvalidSnapshotException(path(field), "must be an object");
            }
            return new Reader(object, path(field));
        }

        JsonArray array(String field) {
            if (!has(field)) {
                return null;
            }
            if (!(json.get(field) instanceof JsonArray array)) {
                throw new InvalidSnapshotException(path(field), "must be an array");
            }
            if (array.size() > MAX_LIST_ITEMS) {
                throw new InvalidSnapshotException(path(field), "has more than " + MAX_LIST_ITEMS + " items");
            }
            return array;
        }

        List<Reader> objects(String field) {
            JsonArray array = array(field);
            if (array == null) {
                return null;
            }
            List<Reader> items = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                String itemPath = path(field) + "[" + i + "]";
                if (!(array.get(i) instanceof JsonObject object)) {
                    throw new InvalidSnapshotException(itemPath, "must be an object");
                }
                items.add(new Reader(object, itemPath));
            }
            return items;
        }

        Double number(String field) {
            if (!has(field)) {
                return null;
            }
            return finite(json.get(field), path(field));
        }

        static double finite(JsonValue value, String where) {
            if (!(value instanceof JsonNumber number)) {
                throw new InvalidSnapshotException(where, "must be a number, got " + describe(value));
            }
            BigDecimal exact = number.bigDecimalValue();
            double result = exact.doubleValue();
            if (Double.isInfinite(result) || Double.isNaN(result)) {
                throw new InvalidSnapshotException(where, "is out of range");
            }
            return result;
        }

        Double nonNegative(String field) {
            Double value = number(field);
            if (value != null && value < 0) {
                throw new InvalidSnapshotException(path(field), "must not be negative, got " + plain(value));
            }
            return value;
        }

        Double percent(String field) {
            return range(field, 0, 100);
        }

        Double range(String field, double min, double max) {
            Double value = number(field);
            if (value != null && (value < min || value > max)) {
                throw new InvalidSnapshotException(path(field), "must be between " + plain(min) + " and "
                        + plain(max) + ", got " + plain(value));
            }
            return value;
        }

        double percentAt(JsonArray array, int index, String field) {
            String where = path(field) + "[" + index + "]";
            double value = finite(array.get(index), where);
            if (value < 0 || value > 100) {
                throw new InvalidSnapshotException(where, "must be between 0 and 100, got " + plain(value));
            }
            return value;
        }

        Double count(String field) {
            Long value = wholeNumber(field);
            return value == null ? null : value.doubleValue();
        }

        Long wholeNumber(String field) {
            Double value = nonNegative(field);
            if (value == null) {
                return null;
            }
            if (value != Math.rint(value) || value > 9.0e18) {
                throw new InvalidSnapshotException(path(field), "must be a whole number, got " + plain(value));
            }
            return value.longValue();
        }

        Boolean bool(String field) {
            if (!has(field)) {
                return null;
            }
            JsonValue value = json.get(field);
            if (value == JsonValue.TRUE) {
                return true;
            }
            if (value == JsonValue.FALSE) {
                return false;
            }
            throw new InvalidSnapshotException(path(field), "must be true or false, got " + describe(value));
        }

        String string(String field) {
            if (!has(field)) {
                return null;
            }
            if (!(json.get(field) instanceof JsonString text)) {
                throw new InvalidSnapshotException(path(field), "must be a string, got " + describe(json.get(field)));
            }
            if (text.getString().length() > 1024) {
                throw new InvalidSnapshotException(path(field), "is longer than 1024 characters");
            }
            return text.getString();
        }

        String requiredString(String field, int maxLength) {
            if (!has(field)) {
                throw new InvalidSnapshotException(path(field), "is required");
            }
            if (!(json.get(field) instanceof JsonString text)) {
                throw new InvalidSnapshotException(path(field), "must be a string, got " + describe(json.get(field)));
            }
            String value = text.getString();
            if (value.isEmpty()) {
                throw new InvalidSnapshotException(path(field), "must not be empty");
            }
            if (value.length() > maxLength) {
                throw new InvalidSnapshotException(path(field), "is longer than " + maxLength + " characters");
            }
            return value;
        }

        /** The key field that labels a list item (path, interface, device...). */
        String label(String field) {
            return requiredString(field, MAX_LABEL_LENGTH);
        }

        String labelOrNumber(String field) {
            if (has(field) && json.get(field) instanceof JsonNumber number) {
                BigDecimal value = number.bigDecimalValue().stripTrailingZeros();
                if (value.scale() > 0 || value.signum() < 0 || value.precision() - value.scale() > 18) {
                    throw new InvalidSnapshotException(path(field), "must be a string or a whole number below 10^18");
                }
                return value.toPlainString();
            }
            return label(field);
        }

        void checkString(Reader target, String... fields) {
            for (String field : fields) {
                target.string(field);
            }
        }

        private static String describe(JsonValue value) {
            return switch (value.getValueType()) {
                case STRING -> "a string";
                case NUMBER -> "a number";
                case TRUE, FALSE -> "a boolean";
                case ARRAY -> "an array";
                case OBJECT -> "an object";
                case NULL -> "null";
            };
        }

        private static String plain(double value) {
            return value == Math.rint(value) && Math.abs(value) < 1e15
                    ? String.valueOf((long) value) : String.valueOf(value);
        }
    }
}

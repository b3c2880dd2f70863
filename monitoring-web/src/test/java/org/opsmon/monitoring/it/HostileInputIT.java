package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

/**
 * Every input a client can send gets a 4xx JSON error ({@code {"error","message"}}) and changes
 * nothing. The cases are generated from tables, field path × hostile value, for every endpoint
 * a client reaches: the snapshot (flat and rich form, over HTTP and as WebSocket frames),
 * registration, the token endpoint, users, history queries, the server's own state and the
 * link probe. Hostile values: control characters and NUL, unpaired UTF-16 surrogates (sent as
 * JSON escapes or percent-encoded CESU-8, the only ways they survive the trip), text longer than
 * its limit or than the database column, numbers beyond a double or a long, far and negative
 * dates, wrong types, deep nesting, empty and oversized bodies, and odd path parameters.
 *
 * <p>A legitimately valid edge (the longest allowed text, a TAB, a surrogate pair) must be
 * accepted and read back equal. Where the API leaves the choice open the case only demands "no
 * 5xx, and a refusal stores nothing" ({@link Expect#NOT_5XX}). Each case compares a fingerprint
 * of what is stored (samples, series, commands, snapshots, accounts, tokens) before and after,
 * so the test uses its own clients and the checks are exact.
 *
 * <p>One long class on purpose: each Arquillian test class starts a server of its own, and the
 * tables of cases read best next to the one runner per endpoint that sends them.
 */
@DisabledIfSystemProperty(named = "arquillian.launch", matches = "embedded",
        disabledReason = "reads what was stored straight from PostgreSQL")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileInputIT extends DeployedApplication {

    /** What a case demands of the server. */
    enum Expect {
        /** 4xx with the API's error body, and nothing stored or changed. */
        REFUSED,
        /** A valid value: 2xx, and it reads back equal. */
        ACCEPTED,
        /** The API leaves the answer open: anything but a 5xx, and a refusal changes nothing. */
        NOT_5XX
    }

    /**
     * A value as it travels: JSON text inside bodies, percent-encoded text inside URLs and forms.
     * {@code urlLevel}: the HTTP layer (Grizzly) itself refuses some request targets, e.g. a
     * {@code %00} or {@code %2F} in the path or a request line over its size limit, with
     * {@code 400 Invalid URI} and an empty body before the application sees them; for those
     * cases, and only those, an empty 400 counts as a proper refusal.
     */
    record Value(String name, String raw, Expect expect, boolean urlLevel) {
    }

    static Value refused(String name, String raw) {
        return new Value(name, raw, Expect.REFUSED, false);
    }

    static Value accepted(String name, String raw) {
        return new Value(name, raw, Expect.ACCEPTED, false);
    }

    static Value open(String name, String raw) {
        return new Value(name, raw, Expect.NOT_5XX, false);
    }

    static Value url(String name, String raw) {
        return new Value(name, raw, Expect.REFUSED, true);
    }

    private static final String HOSTILE = "@@hostile@@";
    private static final String TIME = "${time}";
    private static final AtomicLong SEQ = new AtomicLong(System.currentTimeMillis());
    private static final AtomicLong CLOCK = new AtomicLong(Instant.now().getEpochSecond() - 7200);
    private static final AtomicInteger CALLER = new AtomicInteger();

    // ---------------------------------------------------------------- value tables

    /** A JSON string literal that escapes everything outside printable ASCII, so NUL and lone surrogates arrive as sent. */
    static String str(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c >= 0x20 && c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }

    static String deep(int levels) {
        return "[".repeat(levels) + "]".repeat(levels);
    }

    /** What the text rule forbids, in any text field. */
    static List<Value> ruleBreakingText() {
        return List.of(
                refused("\"NUL\"", str("a\u0000b")),
                refused("\"U+0001\"", str("a\u0001b")),
                refused("\"LF\"", str("a\nb")),
                refused("\"CR\"", str("a\rb")),
                refused("\"ESC sequence\"", str("\u001b[31mred")),
                refused("\"DEL U+007F\"", str("a\u007fb")),
                refused("\"C1 U+0085\"", str("a\u0085b")),
                refused("\"C1 U+009F\"", str("a\u009fb")),
                refused("\"lone high surrogate\"", str("a\ud800b")),
                refused("\"lone low surrogate\"", str("a\udc00b")),
                refused("\"reversed surrogate pair\"", str("\ude00\ud83d")),
                refused("\"high surrogate at the end\"", str("ab\ud83d")),
                refused("\"200 control characters\"", str("\u0001".repeat(200))));
    }

    /** Text values for a field of at most {@code limit} characters. */
    static List<Value> texts(int limit, boolean required, boolean numberAllowed) {
        List<Value> values = new ArrayList<>(ruleBreakingText());
        values.add(refused("\"" + (limit + 1) + " characters\"", str("x".repeat(limit + 1))));
        values.add(refused("\"100000 characters\"", str("x".repeat(100_000))));
        if (!numberAllowed) {
            values.add(refused("number", "5"));
        }
        values.add(refused("boolean", "true"));
        values.add(refused("object", "{}"));
        values.add(refused("array", "[\"a\"]"));
        values.add(refused("deep nesting", deep(10_000)));
        if (required) {
            values.add(refused("\"\" (empty)", str("")));
        }
        values.add(accepted("\"" + limit + " characters\"", str("y".repeat(limit - 3) + "end")));
        values.add(accepted("\"TAB\"", str("a\tb")));
        values.add(accepted("\"surrogate pair\"", str("disk \ud83d\ude00")));
        values.add(accepted("\"accented\"", str("d\u00e9j\u00e0-vu \u2026")));
        return values;
    }

    static final List<Value> NOT_NUMBERS = List.of(
            refused("string \"12\"", "\"12\""),
            refused("string \"NaN\"", "\"NaN\""),
            refused("empty string", "\"\""),
            refused("boolean", "true"),
            refused("object", "{}"),
            refused("array", "[1]"),
            refused("deep nesting", deep(10_000)));

    static final List<Value> HUGE_NUMBERS = List.of(
            refused("1e400", "1e400"),
            refused("-1e400", "-1e400"),
            refused("400-digit integer", "1" + "0".repeat(400)),
            refused("10000-digit integer", "9".repeat(10_000)),
            refused("1e99999999999", "1e99999999999"));

    /** The base value again in another notation: always consistent with the other fields. */
    static List<Value> sameValueOtherwise(JsonValue base) {
        java.math.BigDecimal value = ((JsonNumber) base).bigDecimalValue();
        return List.of(
                accepted("same value as " + value.movePointLeft(2).toPlainString() + "e2",
                        value.movePointLeft(2).toPlainString() + "e2"),
                accepted("same value with .0", value.toPlainString() + (value.scale() > 0 ? "0" : ".0")));
    }

    static List<Value> nonNegative(JsonValue base) {
        List<Value> values = new ArrayList<>(NOT_NUMBERS);
        values.addAll(HUGE_NUMBERS);
        values.add(refused("-1", "-1"));
        values.add(refused("-1e-300", "-1e-300"));
        values.addAll(sameValueOtherwise(base));
        return values;
    }

    static List<Value> whole(JsonValue base) {
        List<Value> values = nonNegative(base);
        values.add(refused("2.5", "2.5"));
        values.add(refused("1e19", "1e19"));
        values.add(refused("9223372036854775808", "9223372036854775808"));
        return values;
    }

    static List<Value> percent() {
        List<Value> values = new ArrayList<>(NOT_NUMBERS);
        values.addAll(HUGE_NUMBERS);
        values.add(refused("-0.001", "-0.001"));
        values.add(refused("100.001", "100.001"));
        values.add(refused("1e308", "1e308"));
        values.add(accepted("100", "100"));
        values.add(accepted("0", "0"));
        return values;
    }

    static List<Value> temperature() {
        List<Value> values = new ArrayList<>(NOT_NUMBERS);
        values.addAll(HUGE_NUMBERS);
        values.add(refused("-100.5", "-100.5"));
        values.add(refused("200.5", "200.5"));
        values.add(accepted("-100", "-100"));
        values.add(accepted("200", "200"));
        return values;
    }

    /** Seconds since the epoch: far, negative and millisecond-mistaken dates. */
    static List<Value> times() {
        long now = Instant.now().getEpochSecond();
        List<Value> values = new ArrayList<>(NOT_NUMBERS);
        values.addAll(HUGE_NUMBERS);
        values.add(refused("-1 (negative epoch)", "-1"));
        values.add(refused("-62167219200 (year 0)", "-62167219200"));
        values.add(refused("9.4e12 (year +300000)", "9.4e12"));
        values.add(refused("1e19", "1e19"));
        values.add(refused("an hour ahead", Long.toString(now + 3600)));
        values.add(refused("milliseconds", Long.toString(now * 1000)));
        values.add(refused("946684799 (1999)", "946684799"));
        values.add(refused("ISO string", "\"2026-01-01T00:00:00Z\""));
        values.add(accepted("with a fraction", TIME + ".5"));
        return values;
    }

    static List<Value> bootTimes(JsonValue base) {
        List<Value> values = whole(base);
        values.add(refused("9.4e12 (year +300000)", "9.4e12"));
        values.add(open("0 (clock reset to 1970)", "0"));
        return values;
    }

    static List<Value> booleans() {
        return List.of(refused("1", "1"), refused("0", "0"), refused("string \"true\"", "\"true\""),
                refused("object", "{}"), refused("array", "[true]"), refused("deep nesting", deep(10_000)),
                accepted("false", "false"));
    }

    static List<Value> sources() {
        List<Value> values = new ArrayList<>(ruleBreakingText());
        values.add(refused("\"shell\"", str("shell")));
        values.add(refused("\"\" (empty)", str("")));
        values.add(refused("\"process\\u0000\"", str("process\u0000")));
        values.add(refused("\"1025 characters\"", str("p".repeat(1025))));
        values.add(refused("number", "5"));
        values.add(accepted("\"history\"", str("history")));
        return values;
    }

    static List<Value> gpuIds() {
        List<Value> values = texts(256, true, true);
        values.add(refused("-1", "-1"));
        values.add(refused("1.5", "1.5"));
        values.add(refused("1e19", "1e19"));
        values.add(refused("1e400", "1e400"));
        values.add(accepted("7", "7"));
        return values;
    }

    static List<Value> sections() {
        return List.of(refused("array", "[]"), refused("number", "5"), refused("string", "\"x\""),
                refused("boolean", "true"), refused("deep nesting", deep(10_000)));
    }

    static List<Value> lists(JsonValue item, boolean keyed) {
        List<Value> values = new ArrayList<>(List.of(refused("object", "{}"), refused("number", "5"),
                refused("string", "\"x\""), refused("[5]", "[5]"), refused("[[]]", "[[]]"),
                refused("[null]", "[null]"), refused("deep nesting", deep(10_000)),
                refused("4097 items", "[" + String.join(",", java.util.Collections.nCopies(4097, item.toString())) + "]"),
                accepted("[] (empty)", "[]")));
        if (keyed) {
            values.add(open("two items with the same key", "[" + item + "," + item + "]"));
        }
        return values;
    }

    static List<Value> coreUsages() {
        return List.of(refused("object", "{}"), refused("[\"5\"]", "[\"5\"]"), refused("[101]", "[101]"),
                refused("[-1]", "[-1]"), refused("[null]", "[null]"), refused("[1e400]", "[1e400]"),
                refused("[[]]", "[[]]"), refused("deep nesting", deep(10_000)),
                refused("4097 items", "[" + "1,".repeat(4096) + "1]"), accepted("[] (empty)", "[]"));
    }

    // ---------------------------------------------------------------- snapshots

    static JsonObject rich(long time, long seq) {
        long boot = time - 864_000;
        return Json.createReader(new StringReader("""
                {"timestamp": %d, "seq": %d,
                 "processor": {"usage_percent": 12.5, "per_core_usage": [10, 15], "core_count": 2, "logical_count": 4,
                               "frequency_current": 2400, "frequency_max": 3600, "load_1": 0.5, "load_5": 0.4, "load_15": 0.3},
                 "memory": {"total": 8589934592, "available": 4294967296, "used": 4294967296, "percentage": 50,
                            "swap_total": 1073741824, "swap_used": 0},
                 "disk": [{"path": "/", "device": "/dev/sda1", "fs_type": "ext4", "total": 100000000000,
                           "used": 25000000000, "free": 75000000000, "percentage": 25}],
                 "disk_io": [{"device": "sda", "read_bytes": 123456, "write_bytes": 654321, "reads": 10, "writes": 20}],
                 "network": [{"interface": "eth0", "bytes_sent": 5000, "bytes_recv": 9000, "packets_sent": 5,
                              "packets_recv": 9, "errors_in": 0, "errors_out": 0, "drops_in": 0, "drops_out": 0}],
                 "gpu": {"count": 1, "gpus": [{"id": 0, "name": "Tesla T4", "driver_version": "535.104",
                         "memory_total": 16106127360, "memory_used": 4026531840, "memory_reserved": 645922816,
                         "gpu_usage_percent": 30, "temperature": 55, "power_draw": 30.5, "power_limit": 70}]},
                 "system": {"hostname": "web-01", "os_name": "Debian", "os_version": "12", "architecture": "amd64",
                            "boot_time": %d, "processes": 180, "users": 2, "uptime": 864000},
                 "uptime": 864000,
                 "commands": [{"user": "alice", "command": "systemctl restart nginx", "started_at": %d, "pid": 4242,
                               "source": "process"}],
                 "collectors": [{"name": "cpu", "success": true, "duration_ms": 3, "error": "none"}],
                 "link": {"download_bps": 1000000, "upload_bps": 500000, "rtt_ms": 1.5},
                 "agent": {"version": "1.0.0", "spool_bytes": 4096, "spool_pending": 1, "spool_evicted": 0,
                           "commands_dropped": 0, "commands_truncated": 0, "snapshots_rejected": 0, "spool_corrupt": 0}}
                """.formatted(time, seq, boot, time))).readObject();
    }

    static JsonObject flat(long time) {
        return Json.createObjectBuilder().add("cpu_load", 25.9).add("mem", 6172).add("storage", 95888)
                .add("time", time).build();
    }

    /** Reads an accepted value back beyond the stored snapshot (series labels, the command log). */
    interface ReadBack {
        void check(Api api, Api.Agent agent, long time, JsonValue sent);
    }

    record Field(String name, String pointer, boolean flat, List<Value> values, ReadBack readBack) {
    }

    /** A snapshot request: a body made for a fresh time and seq. */
    record SnapshotCase(String name, Expect expect, String contentType, boolean frameable, BodyMaker body,
                        Field field, Value value) {
    }

    interface BodyMaker {
        byte[] make(long time, long seq);
    }

    static ReadBack labelled(String metric, String label) {
        return (api, agent, time, sent) -> {
            String value = sent instanceof JsonString text ? text.getString() : sent.toString();
            JsonArray series = api.get("/api/clients/" + agent.clientId() + "/series?metric=" + metric + "&label." + label
                    + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8) + "&start=" + (time - 1) + "&end=" + (time + 1)
                    + "&step=1", agent.token()).expect(200).json().getJsonArray("series");
            assertEquals(1, series.size(), "series " + metric + " with that label: " + series);
            assertEquals(value, series.getJsonObject(0).getJsonObject("labels").getString(label));
        };
    }

    static ReadBack command(boolean userField) {
        return (api, agent, time, sent) -> {
            String value = ((JsonString) sent).getString();
            String user = userField ? value : "alice";
            JsonArray commands = api.get("/api/clients/" + agent.clientId() + "/commands?start=" + (time - 1) + "&end="
                    + (time + 1) + "&user=" + URLEncoder.encode(user, StandardCharsets.UTF_8), agent.token())
                    .expect(200).array();
            assertTrue(commands.stream().map(JsonValue::asJsonObject).anyMatch(c -> c.getString("user").equals(user)
                            && c.getString("command").equals(userField ? "systemctl restart nginx" : value)),
                    "the command log holds the value: " + abbreviate(commands.toString()));
        };
    }

    static List<Field> snapshotFields() {
        JsonObject base = rich(1_800_000_000L, 1);
        JsonObject flatBase = flat(1_800_000_000L);
        List<Field> fields = new ArrayList<>();
        fields.add(new Field("flat cpu_load", "/cpu_load", true, percent(), null));
        fields.add(new Field("flat mem", "/mem", true, nonNegative(flatBase.get("mem")), null));
        fields.add(new Field("flat storage", "/storage", true, nonNegative(flatBase.get("storage")), null));
        fields.add(new Field("flat time", "/time", true, times(), null));

        fields.add(new Field("timestamp", "/timestamp", false, times(), null));
        List<Value> seqs = new ArrayList<>(whole(base.get("seq")));
        seqs.removeIf(v -> v.expect() == Expect.ACCEPTED); // a seq read back would be a duplicate
        fields.add(new Field("seq", "/seq", false, seqs, null));
        fields.add(new Field("uptime", "/uptime", false, nonNegative(base.get("uptime")), null));

        Map<String, String> processor = new LinkedHashMap<>();
        processor.put("usage_percent", "percent");
        processor.put("core_count", "whole");
        processor.put("logical_count", "whole");
        for (String f : List.of("frequency_current", "frequency_max", "load_1", "load_5", "load_15")) {
            processor.put(f, "nonNegative");
        }
        numeric(fields, base, "processor", processor);
        fields.add(new Field("processor.per_core_usage", "/processor/per_core_usage", false, coreUsages(), null));
        fields.add(new Field("processor.per_core_usage[1]", "/processor/per_core_usage/1", false, percent(), null));

        Map<String, String> memory = new LinkedHashMap<>();
        for (String f : List.of("total", "available", "used", "swap_total", "swap_used")) {
            memory.put(f, "nonNegative");
        }
        memory.put("percentage", "percent");
        numeric(fields, base, "memory", memory);

        fields.add(new Field("disk", "/disk", false, lists(base.getJsonArray("disk").get(0), true), null));
        fields.add(new Field("disk[].path", "/disk/0/path", false, texts(256, true, false), labelled("disk.total", "path")));
        fields.add(new Field("disk[].device", "/disk/0/device", false, texts(256, false, false), null));
        fields.add(new Field("disk[].fs_type", "/disk/0/fs_type", false, texts(1024, false, false), null));
        Map<String, String> disk = new LinkedHashMap<>();
        for (String f : List.of("total", "used", "free")) {
            disk.put(f, "nonNegative");
        }
        disk.put("percentage", "percent");
        numeric(fields, base, "disk/0", disk);

        fields.add(new Field("disk_io", "/disk_io", false, lists(base.getJsonArray("disk_io").get(0), true), null));
        fields.add(new Field("disk_io[].device", "/disk_io/0/device", false, texts(256, true, false),
                labelled("disk_io.read_bytes", "device")));
        Map<String, String> diskIo = new LinkedHashMap<>();
        for (String f : List.of("read_bytes", "write_bytes", "reads", "writes")) {
            diskIo.put(f, "nonNegative");
        }
        numeric(fields, base, "disk_io/0", diskIo);

        fields.add(new Field("network", "/network", false, lists(base.getJsonArray("network").get(0), true), null));
        fields.add(new Field("network[].interface", "/network/0/interface", false, texts(256, true, false),
                labelled("network.bytes_recv", "interface")));
        Map<String, String> network = new LinkedHashMap<>();
        for (String f : List.of("bytes_sent", "bytes_recv", "packets_sent", "packets_recv", "errors_in", "errors_out",
                "drops_in", "drops_out")) {
            network.put(f, "nonNegative");
        }
        numeric(fields, base, "network/0", network);

        fields.add(new Field("gpu", "/gpu", false, sections(), null));
        numeric(fields, base, "gpu", Map.of("count", "whole"));
        fields.add(new Field("gpu.gpus", "/gpu/gpus", false,
                lists(base.getJsonObject("gpu").getJsonArray("gpus").get(0), true), null));
        fields.add(new Field("gpu.gpus[].id", "/gpu/gpus/0/id", false, gpuIds(), labelled("gpu.memory_total", "id")));
        fields.add(new Field("gpu.gpus[].name", "/gpu/gpus/0/name", false, texts(1024, false, false), null));
        fields.add(new Field("gpu.gpus[].driver_version", "/gpu/gpus/0/driver_version", false, texts(1024, false, false),
                null));
        Map<String, String> gpu = new LinkedHashMap<>();
        for (String f : List.of("memory_total", "memory_used", "memory_reserved", "power_draw", "power_limit")) {
            gpu.put(f, "nonNegative");
        }
        gpu.put("gpu_usage_percent", "percent");
        gpu.put("temperature", "temperature");
        numeric(fields, base, "gpu/gpus/0", gpu);

        fields.add(new Field("system", "/system", false, sections(), null));
        for (String f : List.of("hostname", "os_name", "os_version", "architecture")) {
            fields.add(new Field("system." + f, "/system/" + f, false, texts(1024, false, false), null));
        }
        Map<String, String> system = new LinkedHashMap<>();
        system.put("boot_time", "bootTime");
        system.put("processes", "whole");
        system.put("users", "whole");
        system.put("uptime", "nonNegative");
        numeric(fields, base, "system", system);

        fields.add(new Field("commands", "/commands", false, lists(base.getJsonArray("commands").get(0), false), null));
        fields.add(new Field("commands[].user", "/commands/0/user", false, texts(64, true, false), command(true)));
        fields.add(new Field("commands[].command", "/commands/0/command", false, texts(4096, true, false), command(false)));
        fields.add(new Field("commands[].started_at", "/commands/0/started_at", false, times(), null));
        numeric(fields, base, "commands/0", Map.of("pid", "whole"));
        fields.add(new Field("commands[].source", "/commands/0/source", false, sources(), null));

        fields.add(new Field("collectors", "/collectors", false, lists(base.getJsonArray("collectors").get(0), true), null));
        fields.add(new Field("collectors[].name", "/collectors/0/name", false, texts(256, true, false),
                labelled("agent.collector.duration_ms", "collector")));
        fields.add(new Field("collectors[].success", "/collectors/0/success", false, booleans(), null));
        numeric(fields, base, "collectors/0", Map.of("duration_ms", "nonNegative"));
        fields.add(new Field("collectors[].error", "/collectors/0/error", false, texts(1024, false, false), null));

        fields.add(new Field("link", "/link", false, sections(), null));
        Map<String, String> link = new LinkedHashMap<>();
        for (String f : List.of("download_bps", "upload_bps", "rtt_ms")) {
            link.put(f, "nonNegative");
        }
        numeric(fields, base, "link", link);

        fields.add(new Field("agent", "/agent", false, sections(), null));
        fields.add(new Field("agent.version", "/agent/version", false, texts(1024, false, false), null));
        Map<String, String> agent = new LinkedHashMap<>();
        for (String f : List.of("spool_bytes", "spool_pending", "spool_evicted", "commands_dropped", "commands_truncated",
                "snapshots_rejected", "spool_corrupt")) {
            agent.put(f, "nonNegative");
        }
        numeric(fields, base, "agent", agent);
        for (String section : List.of("processor", "memory")) {
            fields.add(new Field(section, "/" + section, false, sections(), null));
        }
        return fields;
    }

    private static void numeric(List<Field> fields, JsonObject base, String section, Map<String, String> kinds) {
        JsonValue holder = Json.createPointer("/" + section).getValue(base);
        String display = section.replace("/0", "[]").replace('/', '.');
        kinds.forEach((name, kind) -> {
            JsonValue value = holder.asJsonObject().get(name);
            List<Value> values = switch (kind) {
                case "percent" -> percent();
                case "whole" -> whole(value);
                case "temperature" -> temperature();
                case "bootTime" -> bootTimes(value);
                default -> nonNegative(value);
            };
            fields.add(new Field(display + "." + name, "/" + section + "/" + name, false, values, null));
        });
    }

    static byte[] withValue(Field field, Value value, long time, long seq) {
        JsonObject base = field.flat() ? flat(time) : rich(time, seq);
        JsonObject marked = (JsonObject) Json.createPointer(field.pointer()).add(base, Json.createValue(HOSTILE));
        String raw = value.raw().replace(TIME, Long.toString(time));
        return marked.toString().replace("\"" + HOSTILE + "\"", raw).getBytes(StandardCharsets.UTF_8);
    }

    static List<SnapshotCase> snapshotCases() {
        List<SnapshotCase> cases = new ArrayList<>();
        for (Field field : snapshotFields()) {
            for (Value value : field.values()) {
                cases.add(new SnapshotCase(field.name() + " = " + value.name(), value.expect(), "application/json", true,
                        (time, seq) -> withValue(field, value, time, seq), field, value));
            }
        }
        String good = rich(CLOCK.get(), 1).toString();
        Map<String, String> documents = new LinkedHashMap<>();
        documents.put("empty body", "");
        documents.put("blank body", "   ");
        documents.put("null", "null");
        documents.put("0", "0");
        documents.put("\"\"", "\"\"");
        documents.put("true", "true");
        documents.put("[]", "[]");
        documents.put("[null]", "[null]");
        documents.put("[1]", "[1]");
        documents.put("{}", "{}");
        documents.put("{\"unknown\":1}", "{\"unknown\":1}");
        documents.put("truncated", "{\"cpu_load\": 5");
        documents.put("two values", "{\"cpu_load\": 5}{\"cpu_load\": 6}");
        documents.put("trailing garbage", "{\"cpu_load\": 5} x");
        documents.put("NaN", "{\"cpu_load\": NaN}");
        documents.put("leading zero", "{\"cpu_load\": 05}");
        documents.put("plus sign", "{\"cpu_load\": +5}");
        documents.put("hex number", "{\"cpu_load\": 0x10}");
        documents.put("single quotes", "{'cpu_load': 5}");
        documents.put("comment", "{\"cpu_load\": 5 /* x */}");
        documents.put("raw control character in a string", "{\"cpu_load\": 5, \"system\": {\"hostname\": \"a\u0001b\"}}");
        documents.put("raw LF in a string", "{\"timestamp\": 1, \"system\": {\"hostname\": \"a\nb\"}}");
        documents.put("bad escape", "{\"system\": {\"hostname\": \"a\\qb\"}, \"cpu_load\": 5}");
        documents.put("short unicode escape", "{\"system\": {\"hostname\": \"a\\u12\"}, \"cpu_load\": 5}");
        documents.put("NUL in a member name", "{\"cpu_load\": 5, \"\\u0000\": 1}");
        documents.put("lone surrogate in a member name", "{\"cpu_load\": 5, \"\\ud800\": 1}");
        documents.put("deep array nesting", deep(100_000));
        documents.put("deep object nesting", "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000));
        documents.put("deep nesting in an unknown member", "{\"cpu_load\": 5, \"x\": " + deep(100_000) + "}");
        documents.put("1001 snapshots", "[" + String.join(",", java.util.Collections.nCopies(1001,
                "{\"cpu_load\":5}")) + "]");
        documents.put("[valid, usage_percent 101]", "[" + good + ",{\"processor\":{\"usage_percent\":101}}]");
        documents.put("[valid, NUL command user]", "[" + good + ",{\"commands\":[{\"user\":\"a\\u0000\",\"command\":\"x\"}]}]");
        documents.put("[valid, label of 200 control characters]", "[" + good + ",{\"network\":[{\"interface\":"
                + str("\u0001".repeat(200)) + ",\"bytes_recv\":1}]}]");
        documents.put("body over 1 MiB", " ".repeat(1024 * 1024) + "{}");
        documents.forEach((name, body) -> cases.add(new SnapshotCase("body " + name,
                Expect.REFUSED, "application/json", true, (time, seq) -> body.getBytes(StandardCharsets.UTF_8), null, null)));
        Map<String, String> loose = new LinkedHashMap<>();
        loose.put("duplicate member, valid value last", "{\"cpu_load\": 500, \"cpu_load\": 5}");
        loose.put("duplicate member, invalid value last", "{\"cpu_load\": 5, \"cpu_load\": 500}");
        loose.put("UTF-8 byte order mark", "\ufeff{\"cpu_load\": 5}");
        loose.forEach((name, body) -> cases.add(new SnapshotCase("body " + name, Expect.NOT_5XX, "application/json", true,
                (time, seq) -> body.getBytes(StandardCharsets.UTF_8), null, null)));

        Map<String, byte[]> rawBodies = new LinkedHashMap<>();
        rawBodies.put("invalid UTF-8 byte 0xFF", bytes("{\"cpu_load\":5,\"system\":{\"hostname\":\"a", 0xFF, "b\"}}"));
        rawBodies.put("overlong UTF-8 NUL (C0 80)", bytes("{\"cpu_load\":5,\"system\":{\"hostname\":\"a", 0xC0, 0x80, "b\"}}"));
        rawBodies.put("CESU-8 surrogate (ED A0 80)", bytes("{\"cpu_load\":5,\"system\":{\"hostname\":\"a", 0xED, 0xA0, 0x80,
                "b\"}}"));
        rawBodies.put("truncated UTF-8 sequence", bytes("{\"cpu_load\":5,\"system\":{\"hostname\":\"a", 0xE2, 0x82, "\"}}"));
        rawBodies.put("raw NUL byte", bytes("{\"cpu_load\":5,\"system\":{\"hostname\":\"a", 0x00, "b\"}}"));
        rawBodies.put("UTF-16 body", "{\"cpu_load\":5}".getBytes(StandardCharsets.UTF_16));
        rawBodies.put("body of 5 MiB", new byte[5 * 1024 * 1024]);
        rawBodies.forEach((name, body) -> cases.add(new SnapshotCase("body " + name, Expect.REFUSED, "application/json",
                false, (time, seq) -> body, null, null)));
        cases.add(new SnapshotCase("body as text/plain", Expect.REFUSED, "text/plain", false,
                (time, seq) -> rich(time, seq).toString().getBytes(StandardCharsets.UTF_8), null, null));
        cases.add(new SnapshotCase("body as application/x-www-form-urlencoded", Expect.REFUSED,
                "application/x-www-form-urlencoded", false, (time, seq) -> "cpu_load=5".getBytes(StandardCharsets.UTF_8),
                null, null));
        cases.add(new SnapshotCase("body without a content type", Expect.REFUSED, null, false,
                (time, seq) -> rich(time, seq).toString().getBytes(StandardCharsets.UTF_8), null, null));
        return cases;
    }

    static byte[] bytes(Object... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof String text) {
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            } else {
                out.write((Integer) part);
            }
        }
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- what is stored

    /** Everything a request could change for one client. */
    static String clientState(long clientId) {
        return Database.string("SELECT concat_ws('|', "
                + "(SELECT COUNT(*) FROM sample s JOIN series r ON r.id = s.series_id WHERE r.client_id = ?), "
                + "(SELECT COUNT(*) FROM series WHERE client_id = ?), "
                + "(SELECT COUNT(*) FROM command_event WHERE client_id = ?), "
                + "(SELECT COUNT(*) FROM ingested_snapshot WHERE client_id = ?), "
                + "(SELECT md5(coalesce(latest_snapshot, '')) || '/' || coalesce(last_seen::text, '-') || '/' "
                + "|| coalesce(last_sample_at::text, '-') FROM client WHERE id = ?))",
                clientId, clientId, clientId, clientId, clientId);
    }

    /** Every principal, client and token. */
    static String identityState() {
        return Database.string("SELECT concat_ws('|', (SELECT COUNT(*) FROM account), (SELECT COUNT(*) FROM client), "
                + "(SELECT COUNT(*) FROM access_token), (SELECT COUNT(*) FROM access_token WHERE revoked_at IS NOT NULL), "
                + "(SELECT md5(string_agg(username || ':' || password_hash || ':' || role, ',' ORDER BY id)) FROM account))");
    }

    // ---------------------------------------------------------------- checking one case

    static String abbreviate(String text) {
        String shown = text.length() > 400 ? text.substring(0, 400) + "…(" + text.length() + " chars)" : text;
        StringBuilder out = new StringBuilder();
        shown.codePoints().forEach(c -> {
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    static String errorBodyProblem(Api.Reply reply, boolean urlLevel) {
        if (urlLevel && reply.status() == 400 && reply.body().isEmpty()) {
            return null; // refused by the HTTP layer before the application: see Value
        }
        try {
            JsonValue body = Json.createReader(new StringReader(reply.body())).readValue();
            if (!(body instanceof JsonObject object)) {
                return "the body is not a JSON object";
            }
            if (!(object.get("error") instanceof JsonString) || !(object.get("message") instanceof JsonString)) {
                return "the body lacks the string members error and message";
            }
            return null;
        } catch (RuntimeException e) {
            return "the body is not JSON";
        }
    }

    interface Call {
        Api.Reply call();
    }

    interface Check {
        void check(Api.Reply reply);
    }

    static void verify(Expect expect, boolean urlLevel, Supplier<String> state, Call request, Check readBack) {
        String before = state.get();
        Api.Reply reply;
        try {
            reply = request.call();
        } catch (IllegalStateException e) {
            fail("no HTTP answer: " + e.getCause());
            return;
        }
        String answer = "HTTP " + reply.status() + " " + abbreviate(reply.body());
        int status = reply.status();
        if (expect == Expect.ACCEPTED) {
            assertTrue(status >= 200 && status < 300, "expected a 2xx for a valid value, got " + answer);
            if (readBack != null) {
                readBack.check(reply);
            }
            return;
        }
        if (expect == Expect.NOT_5XX && status >= 200 && status < 300) {
            return;
        }
        List<String> problems = new ArrayList<>();
        if (status < 400 || status >= 500) {
            problems.add("expected a 4xx");
        }
        String body = errorBodyProblem(reply, urlLevel);
        if (body != null) {
            problems.add(body);
        }
        String after = state.get();
        if (!before.equals(after)) {
            problems.add("stored data changed (" + before + " -> " + after + ")");
        }
        if (!problems.isEmpty()) {
            fail(String.join("; ", problems) + "; got " + answer);
        }
    }

    Api.Reply get(String path, String token) {
        return api.send("GET", path, token, null, null);
    }

    Api.Reply postJson(String path, String token, String json) {
        return api.send("POST", path, token, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    Api.Reply delete(String path, String token) {
        return api.send("DELETE", path, token, null, null);
    }

    /** A dynamic test whose failure message starts with its name, so the build's summary lists the cases. */
    static DynamicTest named(String name, org.junit.jupiter.api.function.Executable body) {
        return dynamicTest(name, () -> {
            try {
                body.execute();
            } catch (AssertionError e) {
                AssertionError renamed = new AssertionError("[" + name + "] " + e.getMessage());
                renamed.setStackTrace(e.getStackTrace());
                throw renamed;
            }
        });
    }

    DynamicTest http(String name, Value value, Supplier<String> state, Call request, Check readBack) {
        return named(name, () -> verify(value.expect(), value.urlLevel(), state, request, readBack));
    }

    // ---------------------------------------------------------------- snapshots over HTTP

    @TestFactory
    @Order(1)
    Stream<DynamicTest> snapshotsOverHttp() {
        Api.Agent agent = api.newAgent(admin, "hostile-http");
        String path = "/api/clients/" + agent.clientId() + "/metrics";
        return snapshotCases().stream().map(c -> named("snapshot " + c.name(), () -> {
            long time = CLOCK.incrementAndGet();
            long seq = SEQ.incrementAndGet();
            byte[] body = c.body().make(time, seq);
            verify(c.expect(), false, () -> clientState(agent.clientId()),
                    () -> api.send("POST", path, agent.token(), c.contentType(), body),
                    reply -> readBack(agent, c, time));
        }));
    }

    void readBack(Api.Agent agent, SnapshotCase c, long time) {
        if (c.field() == null) {
            return;
        }
        JsonValue sent = Json.createReader(new StringReader(c.value().raw().replace(TIME, Long.toString(time))))
                .readValue();
        JsonObject latest = api.get("/api/clients/" + agent.clientId() + "/latest", agent.token()).expect(200).json();
        JsonValue stored = Json.createPointer(c.field().pointer()).getValue(latest.getJsonObject("snapshot"));
        assertTrue(same(sent, stored), "reads back as " + abbreviate(stored.toString()));
        if (c.field().readBack() != null) {
            c.field().readBack().check(api, agent, time, sent);
        }
    }

    /** JSON equality with numbers compared by value (1.8e2 equals 180). */
    static boolean same(JsonValue a, JsonValue b) {
        if (a instanceof JsonNumber x && b instanceof JsonNumber y) {
            return x.bigDecimalValue().compareTo(y.bigDecimalValue()) == 0;
        }
        if (a instanceof JsonArray x && b instanceof JsonArray y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof JsonObject x && b instanceof JsonObject y) {
            return x.keySet().equals(y.keySet()) && x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
        }
        return a.equals(b);
    }

    // ---------------------------------------------------------------- snapshots as WebSocket frames

    /** The agent stream as the agent uses it; remembers whether the server closed it. */
    final class AgentStream implements WebSocket.Listener {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        volatile String closed;
        final WebSocket socket;

        AgentStream(String token) {
            URI uri = URI.create(base.toString().replaceFirst("^http", "ws").replaceAll("/$", "") + "/ws/agent");
            socket = HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", "Bearer " + token)
                    .buildAsync(uri, this).join();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed = "closed by the server: " + statusCode + " " + reason;
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed = "failed: " + error;
        }

        boolean open() {
            return closed == null && !socket.isInputClosed() && !socket.isOutputClosed();
        }

        JsonObject next() throws InterruptedException {
            String frame = frames.poll(15, TimeUnit.SECONDS);
            if (frame == null) {
                fail(closed != null ? "no answer; stream " + closed : "no answer within 15 s");
            }
            try {
                return Json.createReader(new StringReader(frame)).readObject();
            } catch (RuntimeException e) {
                fail("the answer is not a JSON object: " + abbreviate(frame));
                return null;
            }
        }
    }

    @TestFactory
    @Order(2)
    Stream<DynamicTest> snapshotsAsStreamFrames() {
        Api.Agent agent = api.newAgent(admin, "hostile-stream");
        AgentStream[] stream = {new AgentStream(agent.token())};
        return snapshotCases().stream().filter(SnapshotCase::frameable).map(c -> named("stream " + c.name(), () -> {
            if (!stream[0].open()) {
                stream[0] = new AgentStream(agent.token());
            }
            AgentStream s = stream[0];
            s.frames.clear();
            long time = CLOCK.incrementAndGet();
            long seq = SEQ.incrementAndGet();
            String text = new String(c.body().make(time, seq), StandardCharsets.UTF_8);
            String before = clientState(agent.clientId());
            long probeSeq = SEQ.incrementAndGet();
            try {
                s.socket.sendText(text, true).join();
                // Frames are handled in order: once the probe's refusal arrives, the case's frame
                // has been handled, whether or not it was answered (a stored snapshot without seq
                // has nothing to acknowledge).
                s.socket.sendText(probe(probeSeq), true).join();
            } catch (RuntimeException e) {
                if (text.length() > BODY_LIMIT && nextOrClosed(s, text, before, agent) == null) {
                    return;
                }
                fail("the frame could not be sent; stream " + s.closed + " (" + e.getCause() + ")");
            }
            JsonObject answer = nextOrClosed(s, text, before, agent);
            if (answer == null) {
                return;
            }
            boolean unanswered = isProbe(answer, probeSeq);
            String shown = abbreviate(answer.toString());
            if (unanswered) {
                assertTrue(c.expect() != Expect.REFUSED, "a refused frame must get an error frame; it got none");
                assertTrue(!text.contains("\"seq\""), "a frame with a seq must be answered");
                if (c.expect() == Expect.ACCEPTED) {
                    readBack(agent, c, time);
                }
                return;
            }
            if (c.expect() == Expect.ACCEPTED || (c.expect() == Expect.NOT_5XX && "ack".equals(answer.getString("type", "")))) {
                assertEquals("ack", answer.getString("type", ""), "expected an ack for a valid value, got " + shown);
                assertEquals(seq, answer.getJsonNumber("seq").longValue(), shown);
                if (c.expect() == Expect.ACCEPTED) {
                    readBack(agent, c, time);
                }
            } else {
                List<String> problems = new ArrayList<>();
                if (!"error".equals(answer.getString("type", "")) || !(answer.get("code") instanceof JsonString)
                        || !(answer.get("message") instanceof JsonString)) {
                    problems.add("expected {type:error, code, message}");
                } else if ("storage_failed".equals(answer.getString("code"))) {
                    problems.add("the server failed storing it (the stream's 500)");
                }
                String after = clientState(agent.clientId());
                if (!before.equals(after)) {
                    problems.add("stored data changed (" + before + " -> " + after + ")");
                }
                if (!problems.isEmpty()) {
                    fail(String.join("; ", problems) + "; got " + shown);
                }
            }
            // The stream stays open: the probe still gets its answer.
            JsonObject probe = s.next();
            assertTrue(isProbe(probe, probeSeq), "the stream answers after the case: " + probe);
        }));
    }

    /** The text frame limit, as the HTTP body limit: 1 MiB. */
    static final int BODY_LIMIT = 1024 * 1024;

    /** A frame the server refuses with its seq in the answer: marks the end of a case. */
    static String probe(long seq) {
        return "{\"seq\":" + seq + "}";
    }

    static boolean isProbe(JsonObject answer, long probeSeq) {
        return "error".equals(answer.getString("type", "")) && answer.get("seq") instanceof JsonNumber n
                && n.longValue() == probeSeq;
    }

    /**
     * The next answer; null when the server closed the stream with 1009 on a frame over the
     * limit (the WebSocket protocol's own answer to an oversized message: the agent never sends
     * one), after checking that nothing was stored.
     */
    private JsonObject nextOrClosed(AgentStream s, String text, String before, Api.Agent agent) throws InterruptedException {
        String frame = s.frames.poll(15, TimeUnit.SECONDS);
        if (frame == null && text.length() > BODY_LIMIT && s.closed != null
                && s.closed.startsWith("closed by the server: 1009")) {
            assertEquals(before, clientState(agent.clientId()), "stored data changed");
            return null;
        }
        if (frame == null) {
            fail(s.closed != null ? "no answer; stream " + s.closed : "no answer within 15 s");
        }
        return Json.createReader(new StringReader(frame)).readObject();
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> framesThatAreNotSnapshots() {
        Api.Agent agent = api.newAgent(admin, "hostile-frames");
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, Object> frames = new LinkedHashMap<>();
        frames.put("binary frame", ByteBuffer.wrap("{\"cpu_load\":5}".getBytes(StandardCharsets.UTF_8)));
        frames.put("text frame over 1 MiB", " ".repeat(1024 * 1024 + 1));
        frames.put("empty text frame", "");
        frames.forEach((name, frame) -> tests.add(named("stream " + name, () -> {
            AgentStream s = new AgentStream(agent.token());
            String before = clientState(agent.clientId());
            try {
                if (frame instanceof ByteBuffer binary) {
                    s.socket.sendBinary(binary, true).join();
                } else {
                    s.socket.sendText((String) frame, true).join();
                }
            } catch (RuntimeException e) {
                fail("the frame could not be sent; stream " + s.closed + " (" + e.getCause() + ")");
            }
            String answer = s.frames.poll(15, TimeUnit.SECONDS);
            assertEquals(before, clientState(agent.clientId()), "stored data changed");
            if (frame instanceof String text && text.length() > BODY_LIMIT) {
                // Over the frame limit the WebSocket protocol's answer is a close with 1009.
                assertTrue(answer == null && s.closed != null && s.closed.startsWith("closed by the server: 1009"),
                        "expected a close with 1009, got " + (answer == null ? "stream " + s.closed : abbreviate(answer)));
                return;
            }
            assertTrue(answer != null && answer.contains("\"error\""), "expected an error frame, got "
                    + (answer == null ? "nothing; stream " + s.closed : abbreviate(answer)));
            String probe = null;
            try {
                s.socket.sendText("{}", true).join();
                probe = s.frames.poll(15, TimeUnit.SECONDS);
            } catch (RuntimeException e) {
                // reported below
            }
            assertTrue(probe != null && s.open(), "the stream did not stay open: " + s.closed);
        })));
        return tests.stream();
    }

    // ---------------------------------------------------------------- registration and users

    static List<Value> usernames() {
        List<Value> values = new ArrayList<>(ruleBreakingText());
        values.add(refused("\"65 characters\"", str("h" + "x".repeat(64))));
        values.add(refused("\"100000 characters\"", str("h".repeat(100_000))));
        values.add(refused("number", "5"));
        values.add(refused("boolean", "true"));
        values.add(refused("object", "{}"));
        values.add(refused("array", "[\"web-01\"]"));
        values.add(refused("deep nesting", deep(10_000)));
        values.add(refused("\"\" (empty)", str("")));
        values.add(refused("\" \" (blank)", str(" ")));
        values.add(refused("\"a\" (1 character)", str("a")));
        values.add(refused("\"1abc\" (digit first)", str("1abc")));
        values.add(refused("\"-abc\"", str("-abc")));
        values.add(refused("\".abc\"", str(".abc")));
        values.add(refused("\"a b\"", str("a b")));
        values.add(refused("\"a/b\"", str("a/b")));
        values.add(refused("\"a:b\"", str("a:b")));
        values.add(refused("\"a%00b\"", str("a%00b")));
        values.add(refused("\"TAB\"", str("a\tb")));
        values.add(refused("\"accented\"", str("h\u00e9-host")));
        values.add(refused("\"surrogate pair\"", str("host\ud83d\ude00")));
        values.add(refused("\"fullwidth letters\"", str("\uff48\uff4f\uff53\uff54")));
        values.add(refused("\"NUL at the end of a free name\"", str("free-" + UUID.randomUUID().toString().substring(0, 8)
                + "\u0000")));
        String suffix = UUID.randomUUID().toString().replace("-", "");
        values.add(accepted("\"64 characters\"", str(("h" + suffix + "x".repeat(64)).substring(0, 64))));
        values.add(accepted("\"letters digits . _ -\"", str("h." + suffix.substring(0, 10) + "_a-9")));
        return values;
    }

    static List<Value> passwords() {
        List<Value> values = new ArrayList<>();
        values.add(refused("\"7 characters\"", str("1234567")));
        values.add(refused("\"257 characters\"", str("p".repeat(257))));
        values.add(refused("\"100000 characters\"", str("p".repeat(100_000))));
        values.add(refused("\"\" (empty)", str("")));
        values.add(refused("number", "12345678901"));
        values.add(refused("boolean", "true"));
        values.add(refused("object", "{}"));
        values.add(refused("array", "[\"a-long-secret\"]"));
        values.add(refused("deep nesting", deep(10_000)));
        // The rules say nothing about characters in passwords: either answer, but no 500.
        values.add(open("\"NUL inside\"", str("long-secret\u0000x")));
        values.add(open("\"lone surrogate inside\"", str("long-secret\ud800x")));
        values.add(open("\"LF inside\"", str("long-secret\nx")));
        values.add(accepted("\"8 characters\"", str("pw-" + UUID.randomUUID().toString().substring(0, 5))));
        values.add(accepted("\"256 characters\"", str("q".repeat(220) + UUID.randomUUID())));
        return values;
    }

    static Map<String, byte[]> badJsonBodies(String validBody) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String body : List.of("", " ", "null", "[]", "\"x\"", "5", "{", "{}", "{\"username\": }",
                "{\"username\": \"a\",}", deep(100_000), "{\"a\":".repeat(100_000) + "1" + "}".repeat(100_000))) {
            bodies.put(body.length() > 40 ? "nesting " + body.substring(0, 5) + "… (" + body.length() + " chars)"
                    : "'" + body + "'", body.getBytes(StandardCharsets.UTF_8));
        }
        bodies.put("body over 1 MiB", (validBody.substring(0, validBody.length() - 1) + ",\"pad\":\""
                + "x".repeat(1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid UTF-8 in the name", bytes("{\"username\":\"ab", 0xFF, "c\",\"password\":\"a-long-secret\"}"));
        bodies.put("CESU-8 surrogate in the name", bytes("{\"username\":\"ab", 0xED, 0xA0, 0x80,
                "c\",\"password\":\"a-long-secret\"}"));
        bodies.put("raw NUL byte in the name", bytes("{\"username\":\"ab", 0x00, "c\",\"password\":\"a-long-secret\"}"));
        return bodies;
    }

    @TestFactory
    @Order(4)
    Stream<DynamicTest> clientRegistration() {
        List<DynamicTest> tests = new ArrayList<>();
        Supplier<String> state = HostileInputIT::identityState;
        for (Value v : usernames()) {
            String body = "{\"username\":" + v.raw() + ",\"password\":\"a-long-secret-1\"}";
            tests.add(http("register username = " + v.name(), v, state,
                    () -> postJson("/api/clients", admin, body), reply -> {
                        String name = ((JsonString) Json.createReader(new StringReader(v.raw())).readValue()).getString();
                        assertEquals(name, reply.json().getString("name"));
                        assertEquals(name, api.get("/api/clients/" + name, admin).expect(200).json().getString("name"));
                    }));
        }
        for (Value v : List.of(usernames().get(0), usernames().get(8), usernames().get(13))) {
            String body = "{\"username\":" + v.raw() + ",\"password\":\"a-long-secret-1\"}";
            tests.add(http("register with the enrollment secret, username = " + v.name(), v, state,
                    () -> postJson("/api/clients", Api.ENROLLMENT_SECRET, body), null));
        }
        for (Value v : passwords()) {
            String name = "pw-" + UUID.randomUUID().toString().substring(0, 8);
            String body = "{\"username\":\"" + name + "\",\"password\":" + v.raw() + "}";
            tests.add(http("register password = " + v.name(), v, state, () -> postJson("/api/clients", admin, body),
                    reply -> {
                        String password = ((JsonString) Json.createReader(new StringReader(v.raw())).readValue()).getString();
                        assertEquals(200, login(name, password).status(), "the new agent logs in");
                    }));
        }
        for (Value v : List.of(refused("\"true\"", "\"true\""), refused("1", "1"), refused("object", "{}"),
                refused("array", "[true]"), refused("\"NUL\"", str("\u0000")))) {
            String body = "{\"username\":\"ch-" + UUID.randomUUID().toString().substring(0, 8)
                    + "\",\"password\":\"a-long-secret-1\",\"continue_history\":" + v.raw() + "}";
            tests.add(http("register continue_history = " + v.name(), v, state,
                    () -> postJson("/api/clients", admin, body), null));
        }
        String valid = "{\"username\":\"body-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"password\":\"a-long-secret-1\"}";
        badJsonBodies(valid).forEach((name, body) -> tests.add(http("register body " + name, refused(name, ""), state,
                () -> api.send("POST", "/api/clients", admin, "application/json", body), null)));
        tests.add(http("register body as text/plain", refused("text/plain", ""), state,
                () -> api.send("POST", "/api/clients", admin, "text/plain", valid.getBytes(StandardCharsets.UTF_8)), null));
        tests.add(http("register body without a content type", refused("none", ""), state,
                () -> api.send("POST", "/api/clients", admin, null, valid.getBytes(StandardCharsets.UTF_8)), null));
        return tests.stream();
    }

    Api.Reply login(String username, String password) {
        return api.raw(nextCaller(), "POST", "/api/auth/token", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                ("grant_type=password&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }

    /** A loopback address of its own per request, so the per-address login throttle sees distinct callers. */
    static String nextCaller() {
        int n = CALLER.incrementAndGet();
        return "127.0." + (1 + n / 250) + "." + (2 + n % 250);
    }

    /** Hostile path segments, percent-encoded as they travel. */
    static List<Value> pathSegments() {
        List<Value> values = new ArrayList<>(List.of(
                url("%00", "%00"), url("a%00b", "a%00b"), url("%2F", "%2F"), url("a%2Fb", "a%2Fb"),
                url("%2F..%2F..%2Fhealth", "%2F..%2F..%2Fhealth"), url("%FF (invalid UTF-8)", "%FF"),
                url("%C0%80 (overlong NUL)", "%C0%80"), url("%ED%A0%80 (lone surrogate)", "%ED%A0%80"),
                url("%5C (backslash)", "%5C"), url("..", ".."), url("%2E%2E", "%2E%2E"),
                url("10000 characters", "h".repeat(10_000)), url("100000 characters", "h".repeat(100_000)),
                refused("%01", "%01"), refused("%0A", "%0A"), refused("%1B", "%1B"), refused("%7F", "%7F"),
                refused("%C2%85", "%C2%85"), refused("%25", "%25"), refused("*", "*"), refused("%20", "%20"),
                refused("%E2%80%8B (zero width space)", "%E2%80%8B"), refused("%EF%BF%BD (replacement character)",
                        "%EF%BF%BD"), refused("300 characters", "h".repeat(300)),
                refused("99999999999999999999", "99999999999999999999"), refused("-1", "-1"), refused("1e3", "1e3"),
                refused("0x10", "0x10"), refused("'%20OR%20'1'%3D'1", "'%20OR%20'1'%3D'1")));
        return values;
    }

    /** Another spelling of a client's numeric id: Arabic-Indic and fullwidth digits are not an id. */
    static List<Value> digitAliases(long id) {
        StringBuilder arabic = new StringBuilder();
        StringBuilder fullwidth = new StringBuilder();
        for (char c : Long.toString(id).toCharArray()) {
            arabic.appendCodePoint(0x0660 + c - '0');
            fullwidth.appendCodePoint(0xFF10 + c - '0');
        }
        return List.of(refused("Arabic-Indic digits of an existing id", URLEncoder.encode(arabic.toString(),
                        StandardCharsets.UTF_8)),
                refused("fullwidth digits of an existing id", URLEncoder.encode(fullwidth.toString(), StandardCharsets.UTF_8)));
    }

    @TestFactory
    @Order(5)
    Stream<DynamicTest> users() {
        List<DynamicTest> tests = new ArrayList<>();
        Supplier<String> state = HostileInputIT::identityState;
        for (Value v : usernames()) {
            String body = "{\"username\":" + v.raw() + ",\"password\":\"a-long-secret-1\",\"role\":\"viewer\"}";
            tests.add(http("create user username = " + v.name(), v, state, () -> postJson("/api/users", admin, body),
                    reply -> {
                        String name = ((JsonString) Json.createReader(new StringReader(v.raw())).readValue()).getString();
                        assertEquals(name, reply.json().getString("username"));
                        assertEquals(200, login(name, "a-long-secret-1").status(), "the new user logs in");
                    }));
        }
        for (Value v : passwords()) {
            String name = "pw-" + UUID.randomUUID().toString().substring(0, 8);
            String body = "{\"username\":\"" + name + "\",\"password\":" + v.raw() + "}";
            tests.add(http("create user password = " + v.name(), v, state, () -> postJson("/api/users", admin, body),
                    reply -> {
                        String password = ((JsonString) Json.createReader(new StringReader(v.raw())).readValue()).getString();
                        assertEquals(200, login(name, password).status(), "the new user logs in");
                    }));
        }
        List<Value> roles = new ArrayList<>(List.of(refused("\"superuser\"", str("superuser")),
                refused("\"agent\"", str("agent")), refused("\"enroller\"", str("enroller")), refused("\"\" (empty)", str("")),
                refused("\"admin NUL\"", str("admin\u0000")), refused("\"viewer \"", str("viewer ")),
                refused("\"lone surrogate\"", str("viewer\udc00")), refused("\"10000 characters\"", str("v".repeat(10_000))),
                refused("number", "1"), refused("boolean", "true"), refused("object", "{}"), refused("array", "[\"admin\"]"),
                accepted("\"viewer\"", str("viewer"))));
        for (Value v : roles) {
            String name = "role-" + UUID.randomUUID().toString().substring(0, 8);
            String body = "{\"username\":\"" + name + "\",\"password\":\"a-long-secret-1\",\"role\":" + v.raw() + "}";
            tests.add(http("create user role = " + v.name(), v, state, () -> postJson("/api/users", admin, body),
                    reply -> assertEquals("viewer", reply.json().getString("role"))));
        }
        String valid = "{\"username\":\"body-" + UUID.randomUUID().toString().substring(0, 8)
                + "\",\"password\":\"a-long-secret-1\"}";
        badJsonBodies(valid).forEach((name, body) -> tests.add(http("create user body " + name, refused(name, ""), state,
                () -> api.send("POST", "/api/users", admin, "application/json", body), null)));
        tests.add(http("create user body as text/plain", refused("text/plain", ""), state,
                () -> api.send("POST", "/api/users", admin, "text/plain", valid.getBytes(StandardCharsets.UTF_8)), null));

        // Password changes aim at a user of this test; its hash and tokens must stay as they are.
        String victim = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        api.postJson("/api/users", admin, "{\"username\":\"" + victim + "\",\"password\":\"victim-secret-1\"}").expect(201);
        for (Value v : passwords()) {
            String body = "{\"password\":" + v.raw() + "}";
            tests.add(http("change password password = " + v.name(), v, state,
                    () -> api.send("PUT", "/api/users/" + victim + "/password", admin, "application/json",
                            body.getBytes(StandardCharsets.UTF_8)), reply -> {
                        String password = ((JsonString) Json.createReader(new StringReader(v.raw())).readValue()).getString();
                        assertEquals(200, login(victim, password).status(), "the new password works");
                    }));
        }
        badJsonBodies("{\"password\":\"another-secret-1\"}").forEach((name, body) -> tests.add(http(
                "change password body " + name, refused(name, ""), state,
                () -> api.send("PUT", "/api/users/" + victim + "/password", admin, "application/json", body), null)));
        for (Value v : pathSegments()) {
            tests.add(http("change password of user " + v.name(), v, state,
                    () -> api.send("PUT", "/api/users/" + v.raw() + "/password", admin, "application/json",
                            "{\"password\":\"another-secret-1\"}".getBytes(StandardCharsets.UTF_8)), null));
            tests.add(http("delete user " + v.name(), v, state, () -> delete("/api/users/" + v.raw(), admin), null));
        }
        return tests.stream();
    }

    // ---------------------------------------------------------------- history queries

    /** Times in query strings: far, negative, malformed. */
    static List<Value> queryTimes() {
        return List.of(refused("%2B300000-01-01T00:00:00Z", "%2B300000-01-01T00:00:00Z"),
                refused("+300000-01-01T00:00:00Z (+ unescaped)", "+300000-01-01T00:00:00Z"),
                refused("-300000-01-01T00:00:00Z", "-300000-01-01T00:00:00Z"),
                refused("%2B10000-01-01T00:00:00Z", "%2B10000-01-01T00:00:00Z"),
                refused("%2B1000000000-12-31T23:59:59.999999999Z (Instant.MAX)", "%2B1000000000-12-31T23:59:59.999999999Z"),
                refused("-1000000000-01-01T00:00:00Z (Instant.MIN)", "-1000000000-01-01T00:00:00Z"),
                refused("0000-01-01T00:00:00Z (year 0)", "0000-01-01T00:00:00Z"),
                refused("1969-12-31T23:59:59Z (negative epoch)", "1969-12-31T23:59:59Z"),
                refused("-1", "-1"), refused("-62167219200", "-62167219200"), refused("1e400", "1e400"),
                refused("NaN", "NaN"), refused("Infinity", "Infinity"), refused("-Infinity", "-Infinity"),
                refused("100000000001", "100000000001"), refused("99999999999999999999999", "99999999999999999999999"),
                refused("abc", "abc"), refused("%00", "%00"), refused("1%00", "1%00"), refused("%01", "%01"),
                refused("%ED%A0%80", "%ED%A0%80"), refused("%FF", "%FF"), refused("2026-02-30T00:00:00Z", "2026-02-30T00:00:00Z"),
                refused("2026-01-01 (no time)", "2026-01-01"), refused("0x10", "0x10"), refused("1_000", "1_000"),
                url("10000 characters", "1".repeat(10_000)));
    }

    @TestFactory
    @Order(6)
    Stream<DynamicTest> historyQueries() {
        Api.Agent reader = api.newAgent(admin, "hostile-reader");
        long time = CLOCK.incrementAndGet();
        api.postJson("/api/clients/" + reader.clientId() + "/metrics", reader.token(),
                rich(time, SEQ.incrementAndGet()).toString()).expect(200);
        String c = "/api/clients/" + reader.clientId();
        Supplier<String> state = () -> clientState(reader.clientId()) + "#" + identityState();
        List<DynamicTest> tests = new ArrayList<>();
        String window = "start=" + (time - 10) + "&end=" + (time + 10);

        for (Value v : queryTimes()) {
            for (String endpoint : List.of("/time/report?", "/series?metric=processor.usage_percent&", "/commands?")) {
                for (String param : List.of("start", "end")) {
                    tests.add(http("GET " + endpoint.replaceAll("[?&]$", "") + " " + param + " = " + v.name(), v, state,
                            () -> get(c + endpoint + param + "=" + v.raw(), reader.token()), null));
                }
            }
        }
        List<Value> validTimes = List.of(accepted("start=0", "start=0"), accepted("start=1000000000.5", "start=1000000000.5"),
                accepted("end=2000000000", "end=2000000000"), accepted("start=0&end=100000000000", "start=0&end=100000000000"),
                accepted("ISO start", "start=2001-09-09T01:46:40Z"));
        for (Value valid : validTimes) {
            for (String endpoint : List.of("/time/report?", "/series?metric=processor.usage_percent&", "/commands?")) {
                // Valid times, but a report may span at most 31 days (range_too_large): from 1970
                // or 2001 to now is refused there by that limit.
                Value v = endpoint.startsWith("/time/report") && valid.raw().startsWith("start=")
                        ? refused(valid.name() + " (over the report's range limit)", valid.raw()) : valid;
                tests.add(http("GET " + endpoint.replaceAll("[?&]$", "") + " " + v.name(), v, state,
                        () -> get(c + endpoint + v.raw(), reader.token()), null));
            }
        }

        List<Value> formats = List.of(refused("xml", "xml"), refused("%00", "%00"), refused("csv%00", "csv%00"),
                refused("%ED%A0%80", "%ED%A0%80"), refused("%FF", "%FF"), refused("json%0A", "json%0A"),
                url("10000 characters", "c".repeat(10_000)), accepted("csv", "csv"), accepted("json", "json"));
        for (Value v : formats) {
            tests.add(http("GET /time/report format = " + v.name(), v, state,
                    () -> get(c + "/time/report?" + window + "&format=" + v.raw(), reader.token()), null));
        }

        List<Value> texts = List.of(refused("%00", "%00"), refused("a%00b", "a%00b"), refused("%01", "%01"),
                refused("%0A", "%0A"), refused("%7F", "%7F"), refused("%C2%85", "%C2%85"),
                refused("%ED%A0%80 (lone surrogate)", "%ED%A0%80"), refused("%FF (invalid UTF-8)", "%FF"),
                refused("%C0%80 (overlong NUL)", "%C0%80"), refused("200 control characters", "%01".repeat(200)));
        for (Value v : texts) {
            tests.add(http("GET /series metric = " + v.name(), v, state,
                    () -> get(c + "/series?" + window + "&metric=" + v.raw(), reader.token()), null));
            tests.add(http("GET /series label.path = " + v.name(), v, state,
                    () -> get(c + "/series?" + window + "&metric=disk.total&label.path=" + v.raw(), reader.token()), null));
            tests.add(http("GET /series label name = " + v.name(), v, state,
                    () -> get(c + "/series?" + window + "&metric=disk.total&label." + v.raw() + "=x", reader.token()), null));
            tests.add(http("GET /commands user = " + v.name(), v, state,
                    () -> get(c + "/commands?" + window + "&user=" + v.raw(), reader.token()), null));
        }
        List<Value> metrics = List.of(refused("129 characters", "m".repeat(129)), url("10000 characters", "m".repeat(10_000)),
                refused("\"\" (empty)", ""), refused("%20 (blank)", "%20"),
                accepted("processor.usage_percent", "processor.usage_percent"));
        for (Value v : metrics) {
            tests.add(http("GET /series metric = " + v.name(), v, state,
                    () -> get(c + "/series?" + window + "&metric=" + v.raw(), reader.token()), null));
        }
        for (Value v : List.of(accepted("%25 (a LIKE wildcard)", "%25"), accepted("_ (a LIKE wildcard)", "processor_usage_percent"),
                accepted("no.such.metric", "no.such.metric"))) {
            tests.add(http("GET /series metric = " + v.name(), v, state,
                    () -> get(c + "/series?" + window + "&metric=" + v.raw(), reader.token()),
                    reply -> assertEquals(0, reply.json().getJsonArray("series").size(), "matches nothing")));
        }
        for (Value v : List.of(refused("257 characters", "p".repeat(257)), url("10000 characters", "p".repeat(10_000)),
                accepted("%2F", "%2F"), accepted("%25 (a LIKE wildcard)", "%25"))) {
            tests.add(http("GET /series label.path = " + v.name(), v, state,
                    () -> get(c + "/series?" + window + "&metric=disk.total&label.path=" + v.raw(), reader.token()),
                    reply -> assertEquals(v.raw().equals("%2F") ? 1 : 0, reply.json().getJsonArray("series").size())));
        }
        tests.add(http("GET /series label name = 300 characters", open("300 characters", ""), state,
                () -> get(c + "/series?" + window + "&metric=disk.total&label." + "n".repeat(300) + "=x", reader.token()),
                null));
        List<Value> steps = List.of(refused("0", "0"), refused("-1", "-1"), refused("1.5", "1.5"), refused("abc", "abc"),
                refused("%00", "%00"), refused("1%00", "1%00"), refused("99999999999999999999", "99999999999999999999"),
                refused("1e3", "1e3"), refused("%ED%A0%80", "%ED%A0%80"), url("10000 characters", "9".repeat(10_000)),
                open("9223372036854775807", "9223372036854775807"), open("31536000000 (1000 years)", "31536000000"),
                accepted("60", "60"));
        for (Value v : steps) {
            tests.add(http("GET /series step = " + v.name(), v, state,
                    () -> get(c + "/series?" + window + "&metric=processor.usage_percent&step=" + v.raw(), reader.token()),
                    null));
        }
        for (Value v : List.of(refused("65 characters", "u".repeat(65)), url("10000 characters", "u".repeat(10_000)))) {
            tests.add(http("GET /commands user = " + v.name(), v, state,
                    () -> get(c + "/commands?" + window + "&user=" + v.raw(), reader.token()), null));
        }
        for (Value v : List.of(accepted("alice", "alice"), accepted("64 characters", "u".repeat(64)),
                accepted("%25 (a LIKE wildcard)", "%25"), accepted("_lice (a LIKE wildcard)", "_lice"),
                accepted("a%09b (TAB)", "a%09b"))) {
            tests.add(http("GET /commands user = " + v.name(), v, state,
                    () -> get(c + "/commands?" + window + "&user=" + v.raw(), reader.token()),
                    reply -> assertEquals(v.raw().equals("alice") ? 1 : 0, reply.array().size(), "matching commands")));
        }
        List<Value> limits = List.of(refused("0", "0"), refused("-1", "-1"), refused("10001", "10001"),
                refused("2147483648", "2147483648"), refused("1.5", "1.5"), refused("abc", "abc"), refused("%00", "%00"),
                refused("1e3", "1e3"), refused("99999999999999999999", "99999999999999999999"),
                url("10000 characters", "1".repeat(10_000)), accepted("1", "1"), accepted("10000", "10000"));
        for (Value v : limits) {
            tests.add(http("GET /commands limit = " + v.name(), v, state,
                    () -> get(c + "/commands?" + window + "&limit=" + v.raw(), reader.token()), null));
        }

        // The client path parameter on every client endpoint.
        String snapshot = rich(CLOCK.incrementAndGet(), SEQ.incrementAndGet()).toString();
        List<String[]> endpoints = List.of(new String[] {"GET", ""}, new String[] {"GET", "/time"},
                new String[] {"GET", "/time/report"}, new String[] {"GET", "/series?metric=processor.usage_percent"},
                new String[] {"GET", "/commands"}, new String[] {"GET", "/latest"}, new String[] {"GET", "/metrics"},
                new String[] {"POST", "/metrics"}, new String[] {"DELETE", ""}, new String[] {"DELETE", "/tokens"});
        for (String[] endpoint : endpoints) {
            List<Value> refs = new ArrayList<>(pathSegments());
            if (!endpoint[0].equals("DELETE")) {
                refs.addAll(digitAliases(reader.clientId()));
            }
            for (Value v : refs) {
                String target = "/api/clients/" + v.raw() + endpoint[1];
                String token = endpoint[0].equals("DELETE") ? admin : reader.token();
                tests.add(http(endpoint[0] + " /api/clients/{client}" + endpoint[1] + " client = " + v.name(), v, state,
                        () -> api.send(endpoint[0], target, token, endpoint[0].equals("POST") ? "application/json" : null,
                                endpoint[0].equals("POST") ? snapshot.getBytes(StandardCharsets.UTF_8) : null), null));
            }
        }
        return tests.stream();
    }

    // ---------------------------------------------------------------- the server itself, the link probe

    @TestFactory
    @Order(7)
    Stream<DynamicTest> monitorAndProbe() {
        Api.Agent prober = api.newAgent(admin, "hostile-probe");
        Supplier<String> state = () -> clientState(prober.clientId()) + "#" + identityState();
        List<DynamicTest> tests = new ArrayList<>();
        List<Value> units = List.of(refused("TB", "TB"), refused("K", "K"), refused("1", "1"), refused("%00", "%00"),
                refused("MB%00", "MB%00"), refused("%ED%A0%80", "%ED%A0%80"), refused("%FF", "%FF"), refused("M%20B", "M%20B"),
                refused("%E2%80%8BMB", "%E2%80%8BMB"), url("10000 characters", "M".repeat(10_000)),
                accepted("GB", "GB"), accepted("B", "B"));
        for (Value v : units) {
            for (String endpoint : List.of("memory/info", "storage/info")) {
                tests.add(http("GET /api/monitor/" + endpoint + " units = " + v.name(), v, state,
                        () -> get("/api/monitor/" + endpoint + "?units=" + v.raw(), admin),
                        reply -> assertEquals(v.raw(), reply.json().getString("units"))));
            }
        }
        List<Value> sizes = List.of(refused("0", "0"), refused("-1", "-1"), refused("16777217", "16777217"),
                refused("1e3", "1e3"), refused("abc", "abc"), refused("%00", "%00"), refused("1.5", "1.5"),
                refused("99999999999999999999", "99999999999999999999"), refused("%ED%A0%80", "%ED%A0%80"),
                url("10000 characters", "1".repeat(10_000)));
        for (Value v : sizes) {
            tests.add(http("GET /api/probe/download bytes = " + v.name(), v, state,
                    () -> get("/api/probe/download?bytes=" + v.raw(), prober.token()), null));
        }
        for (String type : List.of("application/json", "text/plain")) {
            tests.add(http("POST /api/probe/upload as " + type, refused(type, ""), state,
                    () -> api.send("POST", "/api/probe/upload", prober.token(), type, new byte[1000]), null));
        }
        for (String length : List.of("-5", "abc", "99999999999999999999")) {
            tests.add(http("POST /api/probe/upload Content-Length: " + length, url(length, ""), state,
                    () -> api.raw("127.0.0.1", "POST", "/api/probe/upload", Map.of("Authorization", "Bearer " + prober.token(),
                            "Content-Type", "application/octet-stream", "Content-Length", length), new byte[0]), null));
        }
        return tests.stream();
    }

    // ---------------------------------------------------------------- the token endpoint

    /** Form values, percent-encoded as they travel. */
    static List<Value> formValues() {
        return List.of(refused("%00", "%00"), refused("a%00b", "a%00b"), refused("admin%00", "admin%00"),
                refused("%01", "%01"), refused("%0A", "%0A"), refused("%1B", "%1B"), refused("%7F", "%7F"),
                refused("%C2%85", "%C2%85"), refused("%ED%A0%80 (lone high surrogate)", "%ED%A0%80"),
                refused("%ED%B0%80 (lone low surrogate)", "%ED%B0%80"), refused("%FF (invalid UTF-8)", "%FF"),
                refused("%C0%80 (overlong NUL)", "%C0%80"), refused("% (bad escape)", "%"), refused("%zz (bad escape)", "%zz"),
                refused("%0 (short escape)", "%0"), refused("%E2%80%8B (zero width space)", "%E2%80%8B"),
                refused("\"\" (empty)", ""), refused("+ (a space)", "+"), refused("65 characters", "a".repeat(65)),
                refused("1025 characters", "a".repeat(1025)), refused("100000 characters", "a".repeat(100_000)),
                refused("200 control characters", "%01".repeat(200)));
    }

    @TestFactory
    @Order(8)
    Stream<DynamicTest> tokenEndpoint() {
        Supplier<String> state = HostileInputIT::identityState;
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, String> valid = new LinkedHashMap<>();
        valid.put("grant_type", "password");
        valid.put("username", "admin");
        valid.put("password", "wrong-password-1");
        for (String field : valid.keySet()) {
            List<Value> values = new ArrayList<>(formValues());
            if (field.equals("grant_type")) {
                values.add(refused("password%00", "password%00"));
                values.add(refused("PASSWORD", "PASSWORD"));
                values.add(refused("client_credentials", "client_credentials"));
            }
            values.add(refused("absent", null));
            values.add(refused("twice, second NUL", "\u0001twice"));
            for (Value v : values) {
                StringBuilder form = new StringBuilder();
                valid.forEach((name, value) -> {
                    String sent = name.equals(field) ? v.raw() : value;
                    if (sent == null) {
                        return;
                    }
                    if (sent.equals("\u0001twice")) {
                        form.append(form.length() == 0 ? "" : "&").append(name).append('=').append(value).append('&')
                                .append(name).append("=%00");
                        return;
                    }
                    form.append(form.length() == 0 ? "" : "&").append(name).append('=').append(sent);
                });
                tests.add(http("token " + field + " = " + v.name(), v, state, () -> api.raw(nextCaller(), "POST",
                        "/api/auth/token", Map.of("Content-Type", "application/x-www-form-urlencoded"),
                        form.toString().getBytes(StandardCharsets.UTF_8)), null));
            }
        }
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("empty", new byte[0]);
        bodies.put("'&&&'", "&&&".getBytes(StandardCharsets.UTF_8));
        bodies.put("'='", "=".getBytes(StandardCharsets.UTF_8));
        bodies.put("'grant_type'", "grant_type".getBytes(StandardCharsets.UTF_8));
        bodies.put("NUL in a field name", "grant_type=password&user%00name=admin&password=x".getBytes(StandardCharsets.UTF_8));
        bodies.put("raw invalid UTF-8", bytes("grant_type=password&username=ad", 0xFF, "min&password=wrong-password-1"));
        bodies.put("raw NUL byte", bytes("grant_type=password&username=ad", 0x00, "min&password=wrong-password-1"));
        bodies.put("2 MiB", ("grant_type=password&username=admin&password=" + "p".repeat(2 * 1024 * 1024))
                .getBytes(StandardCharsets.UTF_8));
        bodies.forEach((name, body) -> tests.add(http("token body " + name, refused(name, ""), state,
                () -> api.raw(nextCaller(), "POST", "/api/auth/token",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"), body), null)));
        byte[] good = ("grant_type=password&username=admin&password="
                + URLEncoder.encode(Api.ADMIN_PASSWORD, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        tests.add(http("token body as JSON", refused("json", ""), state, () -> api.raw(nextCaller(), "POST", "/api/auth/token",
                Map.of("Content-Type", "application/json"), ("{\"grant_type\":\"password\",\"username\":\"admin\",\"password\":"
                        + str(Api.ADMIN_PASSWORD) + "}").getBytes(StandardCharsets.UTF_8)), null));
        tests.add(http("token body without a content type", refused("none", ""), state,
                () -> api.raw(nextCaller(), "POST", "/api/auth/token", Map.of(), good), null));
        tests.add(http("token form with charset=utf-16", open("utf-16", ""), state, () -> api.raw(nextCaller(), "POST",
                "/api/auth/token", Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-16"), good), null));
        // The same raw client with the right password: the refusals above are about the values.
        tests.add(http("token with the right password from another address", accepted("right password", ""), state,
                () -> api.raw(nextCaller(), "POST", "/api/auth/token",
                        Map.of("Content-Type", "application/x-www-form-urlencoded"), good),
                reply -> api.get("/api/users", reply.json().getString("access_token")).expect(200)));
        return tests.stream();
    }
}

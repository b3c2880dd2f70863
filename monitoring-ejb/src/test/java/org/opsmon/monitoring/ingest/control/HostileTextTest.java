package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opsmon.monitoring.ingest.control.SeriesNames.ListSection;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.platform.entity.ColumnSizes;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Text that the database cannot store as sent (NUL, lone surrogates), or that escapes would
 * make too long for its column, is refused by the parser with the field's path. Bodies are
 * built with a JSON builder so that quotes and control characters arrive exactly as written.
 */
class HostileTextTest extends SnapshotParsing {

    private static JsonObject command(String user, String command) {
        return Json.createObjectBuilder().add("user", user).add("command", command).build();
    }

    private static JsonValue withCommands(JsonObject... commands) {
        JsonArrayBuilder list = Json.createArrayBuilder();
        for (JsonObject c : commands) {
            list.add(c);
        }
        return Json.createArrayBuilder().add(Json.createObjectBuilder().add("timestamp", NOW_S).add("commands", list))
                .build();
    }

    private void assertRefused(JsonValue body, String message) {
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> parser.parse(body));
        assertEquals("invalid_snapshot", e.code());
        assertEquals(message, e.getMessage());
    }

    private static JsonValue item(String section, String key, String value, String field) {
        return Json.createObjectBuilder().add(section, Json.createArrayBuilder()
                .add(Json.createObjectBuilder().add(key, value).add(field, 1))).build();
    }

    @Test
    void nulInACommandsUserNamesItsPathAndPosition() {
        assertRefused(withCommands(command("root", "ls"), command("bob", "ls"), command("bob\u0000", "ls")),
                "[0].commands[2].user: contains a control character (U+0000) at position 3");
    }

    @Test
    void nulAndLoneSurrogatesInACommand() {
        assertRefused(withCommands(command("root", "rm -rf \u0000/")),
                "[0].commands[0].command: contains a control character (U+0000) at position 7");
        assertRefused(withCommands(command("root", "echo \ud800")),
                "[0].commands[0].command: contains an unpaired surrogate (U+D800) at position 5");
    }

    @Test
    void commandUserFitsItsColumn() {
        String longest = "u".repeat(ColumnSizes.COMMAND_USERNAME);
        List<Snapshot> stored = parser.parse(withCommands(command(longest, "ls")));
        assertEquals(longest, stored.get(0).commands().get(0).user());
        assertRefused(withCommands(command(longest + "u", "ls")),
                "[0].commands[0].user: is longer than " + ColumnSizes.COMMAND_USERNAME + " characters");
    }

    @Test
    void tabsAndOtherPrintableTextAreKept() {
        Snapshot s = parser.parse(withCommands(command("r\u00f6\u00f6t", "printf 'a\\tb'\t# \ud83d\ude00 \u2028"))).get(0);
        assertEquals("printf 'a\\tb'\t# \ud83d\ude00 \u2028", s.commands().get(0).command());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "disk    | path      | percentage | disk[0].path",
            "network | interface | bytes_recv | network[0].interface",
            "disk_io | device    | reads      | disk_io[0].device",
    })
    void labelOfControlCharactersIsRefused(String section, String key, String field, String path) {
        assertRefused(item(section, key, "\u0001".repeat(200), field),
                path + ": contains a control character (U+0001) at position 0");
    }

    @Test
    void gpuIdAndCollectorNameFollowTheRule() {
        JsonValue gpu = Json.createObjectBuilder().add("gpu", Json.createObjectBuilder().add("gpus",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", "gpu\u007f").add("memory_used", 1))))
                .build();
        assertRefused(gpu, "gpu.gpus[0].id: contains a control character (U+007F) at position 3");
        assertRefused(item("collectors", "name", "\udc00cpu", "duration_ms"),
                "collectors[0].name: contains an unpaired surrogate (U+DC00) at position 0");
    }

    @Test
    void descriptiveTextFollowsTheRule() {
        JsonValue system = Json.createObjectBuilder().add("system", Json.createObjectBuilder()
                .add("hostname", "web\u0085").add("processes", 1)).build();
        assertRefused(system, "system.hostname: contains a control character (U+0085) at position 3");
    }

    @Test
    void unknownMembersFollowTheRuleToo() {
        assertRefused(Json.createObjectBuilder().add("cpu_load", 5).add("\u0000", 1).build(),
                "has a member name that contains a control character (U+0000) at position 0");
        assertRefused(Json.createObjectBuilder().add("cpu_load", 5).add("note", Json.createArrayBuilder().add("\ud800"))
                .build(), "note[0]: contains an unpaired surrogate (U+D800) at position 0");
    }

    @Test
    void bodiesMustBeValidUtf8() {
        byte[] overlongNul = {'{', '"', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0x80, '"', '}'};
        byte[] encodedSurrogate = {'[', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', ']'};
        byte[] invalidByte = {'{', '"', (byte) 0xFF, '"', ':', '1', '}'};
        for (byte[] body : new byte[][] {overlongNul, encodedSurrogate, invalidByte}) {
            RequestProblem e = assertThrows(RequestProblem.class, () -> parser.parse(body));
            assertEquals("invalid_json", e.code());
            assertEquals("The body is not valid UTF-8", e.getMessage());
        }
    }

    @Test
    void labelsThatEscapeStillFitTheirColumn() {
        String quotes = "\"\\".repeat(JsonFields.MAX_LABEL_LENGTH / 2);
        Snapshot s = parser.parse(item("disk", "path", quotes, "percentage")).get(0);
        Measurement m = s.measurements().get(0);
        assertEquals(quotes, m.key().labels().get("path"));
        String stored = m.key().labelsJson();
        assertEquals(stored.length(), ListSection.DISK.labelsJsonLength(quotes));
        assertEquals(2 * quotes.length() + "{\"path\":\"\"}".length(), stored.length(), "each quote and backslash doubles");
        assertTrue(stored.length() <= ColumnSizes.SERIES_LABELS, stored.length() + " characters");
    }

    @Test
    void farTimestampsAreRefused() {
        for (String time : new String[] {"-1e300", "1e300", "0", "-62167219200"}) {
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                    () -> parse("{'timestamp':" + time + ",'processor':{'usage_percent':1}}"));
            assertTrue(e.getMessage().startsWith("timestamp: is "), e.getMessage());
        }
    }
}

package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opsmon.monitoring.platform.entity.RequestProblem;

class JsonInputTest {

    static JsonValue parse(String text) {
        return JsonInput.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    static RequestProblem rejected(String text) {
        RequestProblem e = assertThrows(RequestProblem.class, () -> parse(text));
        assertEquals(400, e.status());
        assertEquals("invalid_json", e.code());
        return e;
    }

    @Test
    void readsAnObject() {
        JsonObject object = parse("{\"cpu_load\":25.9,\"host\":\"h\u00e9\"}").asJsonObject();
        assertEquals(new BigDecimal("25.9"), object.getJsonNumber("cpu_load").bigDecimalValue());
        assertEquals("h\u00e9", object.getString("host"));
    }

    @Test
    void readsAnArray() {
        assertEquals(2, parse(" [ {}, {} ] \n").asJsonArray().size());
    }

    @Test
    void hugeNumbersAreLeftToTheSnapshotParser() {
        assertEquals(new BigDecimal("1E+400"), ((JsonNumber) parse("1e400")).bigDecimalValue());
    }

    @Test
    void emptyBody() {
        assertEquals("The body is empty; a snapshot or an array of snapshots is expected", rejected("").getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "{\"a\":NaN}", "{\"a\":Infinity}", "{\"a\":-Infinity}", "[1,]", "{'a':1}",
            "{\"a\":1", "garbage", " ", "{\"a\":01x}", "\u00ff\u00fe"})
    void rejectsWhatIsNotJson(String text) {
        assertTrue(rejected(text).getMessage().startsWith("The body is not valid JSON"), text);
    }

    @Test
    void messageLocatesTheProblem() {
        assertTrue(rejected("{\"a\":\n NaN}").getMessage().startsWith("The body is not valid JSON (line 2, column 2)"),
                rejected("{\"a\":\n NaN}").getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{} x", "{}{}", "[1] ]", "{\"cpu_load\":1} {\"cpu_load\":2}"})
    void rejectsTrailingGarbage(String text) {
        rejected(text);
    }

    @Test
    void acceptsNestingASnapshotNeeds() {
        assertEquals(1, parse("[".repeat(50) + "]".repeat(50)).asJsonArray().size());
    }

    @Test
    void rejectsTooDeepNestingOfAWellFormedDocument() {
        String message = rejected("[".repeat(5000) + "]".repeat(5000)).getMessage();
        assertTrue(message.startsWith("The body is not valid JSON") && message.contains("too deeply nested"), message);
    }

    @Test
    void rejectsNumbersWithTooManyDigits() {
        rejected("{\"cpu_load\":" + "1".repeat(2000) + "}");
    }
}

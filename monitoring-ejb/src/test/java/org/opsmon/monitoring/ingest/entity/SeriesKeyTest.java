package org.opsmon.monitoring.ingest.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesKeyTest {

    static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }

    @Test
    void labelsJsonIsSortedByName() {
        SeriesKey key = new SeriesKey("if.in_bps", ordered("z", "1", "if_name", "ge-0/0/1", "a", "2"));
        assertEquals("{\"a\":\"2\",\"if_name\":\"ge-0/0/1\",\"z\":\"1\"}", key.labelsJson());
        assertEquals(List.of("a", "if_name", "z"), List.copyOf(key.labels().keySet()));
    }

    @Test
    void noLabels() {
        assertEquals("{}", SeriesKey.of("memory.used").labelsJson());
        assertEquals(Map.of(), new SeriesKey("memory.used", null).labels());
        assertEquals(SeriesKey.of("memory.used"), new SeriesKey("memory.used", new HashMap<>()));
    }

    @Test
    void insertionOrderDoesNotMatter() {
        SeriesKey one = new SeriesKey("m", ordered("b", "2", "a", "1"));
        SeriesKey other = new SeriesKey("m", ordered("a", "1", "b", "2"));
        assertEquals(one, other);
        assertEquals(one.hashCode(), other.hashCode());
        assertEquals(one.labelsJson(), other.labelsJson());
    }

    @Test
    void metricAndLabelValuesDistinguishKeys() {
        assertNotEquals(SeriesKey.of("disk.used", "path", "/"), SeriesKey.of("disk.used", "path", "/home"));
        assertNotEquals(SeriesKey.of("disk.used", "path", "/"), SeriesKey.of("disk.free", "path", "/"));
        assertNotEquals(SeriesKey.of("disk.used", "path", "/"), SeriesKey.of("disk.used"));
    }

    @Test
    void quotesAndBackslashesAreEscapedAndRoundTrip() {
        Map<String, String> labels = ordered("cmd", "say \"hi\" \\ now", "path", "C:\\data");
        String json = SeriesKey.labelsToJson(labels);
        assertEquals("{\"cmd\":\"say \\\"hi\\\" \\\\ now\",\"path\":\"C:\\\\data\"}", json);
        assertEquals(labels, SeriesKey.labelsFromJson(json));
    }

    @Test
    void roundTripThroughTheStoredForm() {
        SeriesKey key = new SeriesKey("network.bytes_recv", ordered("interface", "eth0", "host", "w\u00e9b-01"));
        assertEquals(key, new SeriesKey(key.metric(), SeriesKey.labelsFromJson(key.labelsJson())));
    }

    @Test
    void labelsFromEmptyJson() {
        assertTrue(SeriesKey.labelsFromJson(null).isEmpty());
        assertTrue(SeriesKey.labelsFromJson("").isEmpty());
        assertTrue(SeriesKey.labelsFromJson("{}").isEmpty());
    }

    @Test
    void labelsCannotBeChangedAfterwards() {
        Map<String, String> labels = ordered("core", "3");
        SeriesKey key = new SeriesKey("processor.per_core_usage", labels);
        labels.put("core", "4");
        assertEquals("3", key.labels().get("core"));
        assertThrows(UnsupportedOperationException.class, () -> key.labels().put("x", "y"));
    }

    @Test
    void renamedKeepsTheLabels() {
        SeriesKey rate = SeriesKey.of("network.bytes_recv", "interface", "eth0").renamed("network.bytes_recv_per_s");
        assertEquals(SeriesKey.of("network.bytes_recv_per_s", "interface", "eth0"), rate);
    }

    @Test
    void readableText() {
        assertEquals("processor.per_core_usage{core=3}", SeriesKey.of("processor.per_core_usage", "core", "3").toString());
        assertEquals("memory.used", SeriesKey.of("memory.used").toString());
    }

    @Test
    void metricIsRequired() {
        assertThrows(NullPointerException.class, () -> SeriesKey.of(null));
    }
}

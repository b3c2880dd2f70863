package org.opsmon.monitoring.alerts.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** A rule definition is checked as a whole; each refusal names its field. */
class RuleDefinitionTest {

    static final Thresholds T = Thresholds.of(Comparison.GREATER, 80.0, 90.0, null, null);

    static String refusal(String name, String metric, Map<String, String> labels, long forS, long renotifyS) {
        return assertThrows(RequestProblem.class, () -> new RuleDefinition(name, metric, labels, null, T, forS, renotifyS,
                true)).code();
    }

    @Test
    void acceptsSeriesNamesAndTrimsTheName() {
        RuleDefinition rule = new RuleDefinition("  Root disk ", "disk.percentage", Map.of("path", "/"), "web-01", T, 0,
                300, true);
        assertEquals("Root disk", rule.name());
        new RuleDefinition("rate", "network.bytes_recv_per_s", null, null, T, 604800, 0, false);
        new RuleDefinition("gpu", "gpu.memory_percentage", Map.of("id", "0"), null, T, 0, 300, true);
    }

    @Test
    void refusesWhatNoSeriesCouldMatch() {
        assertEquals("invalid_name", refusal(" ", "memory.percentage", null, 0, 300));
        assertEquals("invalid_name", refusal("x".repeat(129), "memory.percentage", null, 0, 300));
        assertEquals("invalid_name", refusal("a\u0007b", "memory.percentage", null, 0, 300));
        assertEquals("invalid_metric", refusal("a", null, null, 0, 300));
        assertEquals("invalid_metric", refusal("a", "memory.", null, 0, 300));
        assertEquals("invalid_metric", refusal("a", ".memory", null, 0, 300));
        assertEquals("invalid_metric", refusal("a", "memory-percentage", null, 0, 300));
        assertEquals("invalid_metric", refusal("a", "m".repeat(129), null, 0, 300));
        assertEquals("invalid_labels", refusal("a", "disk.free", Map.of("", "/"), 0, 300));
        assertEquals("invalid_labels", refusal("a", "disk.free", Map.of("path", "x".repeat(257)), 0, 300));
        assertEquals("invalid_labels", refusal("a", "disk.free", Map.of("path", "\u0000"), 0, 300));
        assertEquals("invalid_for_s", refusal("a", "disk.free", null, -1, 300));
        assertEquals("invalid_for_s", refusal("a", "disk.free", null, 604801, 300));
        assertEquals("invalid_renotify_s", refusal("a", "disk.free", null, 0, -5));
        RequestProblem source = assertThrows(RequestProblem.class, () -> new RuleDefinition("a", "disk.free", null,
                "x".repeat(65), T, 0, 300, true));
        assertEquals("unknown_source", source.code());
        assertTrue(source.getMessage().contains("64"));
    }
}

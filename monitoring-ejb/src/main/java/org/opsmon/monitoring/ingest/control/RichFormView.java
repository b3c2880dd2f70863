package org.opsmon.monitoring.ingest.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SamplesIngested;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.StoredSample;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * The latest view of a snapshot built in the server: its readings written back into the rich
 * form, so that "latest" reads the same for the server's own client as for an agent. It is
 * {@link SeriesNames} backwards: {@code memory.total} becomes {@code {"memory":{"total":…}}},
 * {@code disk.used{path=/}} an item {@code {"path":"/","used":…}} of the list {@code disk},
 * per-core usage the array {@code processor.per_core_usage}. A series of no known list, such as
 * {@code if.in_octets{if_name=ge-0}}, becomes an item of the list named by its metric's parent
 * ({@code if}) carrying its labels. A value whose place is already taken by a member of another
 * shape is left out of the view; it is stored all the same.
 *
 * <p>{@link #of(SamplesIngested)} renders a stored snapshot the same way for live views: every
 * value stored for it, so also the sums, percentages and per-second rates the server derived
 * ({@code network.bytes_recv_per_s{interface=eth0}} becomes {@code bytes_recv_per_s} of that
 * interface's item), whatever form the source sent.
 */
public final class RichFormView {

    /** Whole values below this are written without a fraction; a double holds them exactly. */
    private static final double MAX_EXACT_WHOLE = 9.0e15;

    private RichFormView() {
    }

    /** Everything stored for one snapshot, with its texts, in the rich form. */
    public static JsonObject of(SamplesIngested ingested) {
        List<Measurement> values = new ArrayList<>(ingested.samples().size());
        for (StoredSample sample : ingested.samples()) {
            values.add(Measurement.gauge(sample.key(), sample.value()));
        }
        return render(ingested.time(), null, values, ingested.texts());
    }

    static JsonObject render(Instant time, Long seq, List<Measurement> measurements, Map<String, String> texts) {
        Node root = new Node();
        root.members.put("timestamp", BigDecimal.valueOf(time.toEpochMilli(), 3));
        if (seq != null) {
            root.members.put("seq", seq);
        }
        for (Measurement m : measurements) {
            place(root, m.key(), m.value());
        }
        texts.forEach((path, text) -> {
            Node parent = root.node(parent(path));
            if (parent != null) {
                parent.members.putIfAbsent(leaf(path), text);
            }
        });
        return root.toJson();
    }

    private static void place(Node root, SeriesKey key, double value) {
        String metric = key.metric();
        Map<String, String> labels = key.labels();
        if (labels.isEmpty()) {
            Node parent = root.node(parent(metric));
            if (parent != null) {
                parent.members.putIfAbsent(leaf(metric), number(value));
            }
            return;
        }
        if (metric.equals(SeriesNames.PER_CORE_USAGE) && labels.size() == 1 && labels.containsKey(SeriesNames.CORE_LABEL)) {
            Node parent = root.node(parent(metric));
            Cores cores = parent == null ? null : parent.child(leaf(metric), Cores.class, Cores::new);
            if (cores != null && labels.get(SeriesNames.CORE_LABEL).chars().allMatch(Character::isDigit)) {
                cores.values.put(Integer.parseInt(labels.get(SeriesNames.CORE_LABEL)), number(value));
            }
            return;
        }
        SeriesNames.ListSection section = SeriesNames.ListSection.of(key);
        String listPath = section != null ? section.path() : parent(metric);
        Map<String, String> itemKey = section != null ? Map.of(section.keyField(), section.key(key)) : labels;
        String field = section != null ? section.field(key) : leaf(metric);
        if (listPath.isEmpty()) {
            return;
        }
        Node parent = root.node(parent(listPath));
        Items items = parent == null ? null : parent.child(leaf(listPath), Items.class, Items::new);
        if (items != null) {
            items.item(itemKey).members.putIfAbsent(field, number(value));
        }
    }

    private static Object number(double value) {
        return value == Math.rint(value) && Math.abs(value) < MAX_EXACT_WHOLE ? (Object) (long) value : (Object) value;
    }

    private static String parent(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? "" : path.substring(0, dot);
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    /** An object of the view under construction; members keep the order they came in. */
    private static final class Node {
        final Map<String, Object> members = new LinkedHashMap<>();

        /** The object at a dotted path, created as needed; null where a member of another shape sits. */
        Node node(String path) {
            Node current = this;
            if (path.isEmpty()) {
                return current;
            }
            for (String name : path.split("\\.")) {
                current = current.child(name, Node.class, Node::new);
                if (current == null) {
                    return null;
                }
            }
            return current;
        }

        <T> T child(String name, Class<T> shape, Supplier<T> create) {
            Object existing = members.computeIfAbsent(name, n -> create.get());
            return shape.isInstance(existing) ? shape.cast(existing) : null;
        }

        JsonObject toJson() {
            JsonObjectBuilder json = Jsons.object();
            members.forEach((name, value) -> {
                if (value instanceof Node node) {
                    json.add(name, node.toJson());
                } else if (value instanceof Items items) {
                    JsonArrayBuilder array = Jsons.array();
                    items.byKey.values().forEach(item -> array.add(item.toJson()));
                    json.add(name, array);
                } else if (value instanceof Cores cores) {
                    JsonArrayBuilder array = Jsons.array();
                    cores.values.values().forEach(core -> addNumber(array, core));
                    json.add(name, array);
                } else if (value instanceof String text) {
                    json.add(name, text);
                } else if (value instanceof BigDecimal decimal) {
                    json.add(name, decimal);
                } else if (value instanceof Long whole) {
                    json.add(name, whole);
                } else {
                    json.add(name, (Double) value);
                }
            });
            return json.build();
        }

        private static void addNumber(JsonArrayBuilder array, Object value) {
            if (value instanceof Long whole) {
                array.add(whole);
            } else {
                array.add((Double) value);
            }
        }
    }

    /** A list of items, one per distinct key (a disk's path, an interface's name). */
    private static final class Items {
        final Map<Map<String, String>, Node> byKey = new LinkedHashMap<>();

        Node item(Map<String, String> key) {
            return byKey.computeIfAbsent(key, k -> {
                Node item = new Node();
                new TreeMap<>(k).forEach(item.members::put);
                return item;
            });
        }
    }

    /** Per-core values, in core order. */
    private static final class Cores {
        final Map<Integer, Object> values = new TreeMap<>();
    }
}

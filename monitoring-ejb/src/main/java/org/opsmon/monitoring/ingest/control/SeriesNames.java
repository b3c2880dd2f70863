package org.opsmon.monitoring.ingest.control;

import java.util.Map;
import org.opsmon.monitoring.ingest.entity.SeriesKey;

/**
 * How fields become series, in one place. A metric is the field's path in the rich form
 * ({@code processor.load_1}); an item of a list is labelled by its key field
 * ({@code disk.used{path=/}}); per-core usage is labelled by the core's index. The exceptions
 * to that rule are the flat form's keys, GPUs (listed under {@code gpu.gpus} but named
 * {@code gpu.*}) and collectors (named {@code agent.collector.*}). The series the server derives
 * are named here too, so that what README's table says is what this class does.
 */
public final class SeriesNames {

    public static final String RATE_SUFFIX = "_per_s";

    public static final SeriesKey CPU_USAGE = SeriesKey.of("processor.usage_percent");
    public static final SeriesKey MEMORY_USED = SeriesKey.of("memory.used");
    public static final SeriesKey STORAGE_USED = SeriesKey.of("storage.used");
    public static final SeriesKey STORAGE_TOTAL = SeriesKey.of("storage.total");
    public static final SeriesKey STORAGE_PERCENTAGE = SeriesKey.of("storage.percentage");
    public static final SeriesKey SWAP_PERCENTAGE = SeriesKey.of("memory.swap_percentage");
    public static final SeriesKey BOOT_TIME = SeriesKey.of("system.boot_time");
    public static final SeriesKey UPTIME = SeriesKey.of("system.uptime");

    /** Per-core usage: a list of numbers whose index is the core. */
    public static final String PER_CORE_USAGE = "processor.per_core_usage";
    public static final String CORE_LABEL = "core";

    // The inputs of derived series, by metric.
    static final String SWAP_TOTAL = "memory.swap_total";
    static final String SWAP_USED = "memory.swap_used";
    static final String DISK_TOTAL = "disk.total";
    static final String DISK_USED = "disk.used";
    static final String GPU_MEMORY_TOTAL = "gpu.memory_total";
    static final String GPU_MEMORY_USED = "gpu.memory_used";

    private SeriesNames() {
    }

    /** A member of a section of the rich form, e.g. {@code memory} and {@code total}. */
    public static SeriesKey of(String section, String field) {
        return SeriesKey.of(section + "." + field);
    }

    public static SeriesKey core(int index) {
        return SeriesKey.of(PER_CORE_USAGE, CORE_LABEL, String.valueOf(index));
    }

    /** The per-second rate the server derives from a counter, with the counter's labels. */
    public static SeriesKey rateOf(SeriesKey counter) {
        return counter.renamed(counter.metric() + RATE_SUFFIX);
    }

    /** A list of the rich form whose items become series labelled by their key field. */
    public enum ListSection {
        DISK("disk", "disk", "path", "path"),
        DISK_IO("disk_io", "disk_io", "device", "device"),
        NETWORK("network", "network", "interface", "interface"),
        GPUS("gpu.gpus", "gpu", "id", "id"),
        COLLECTORS("collectors", "agent.collector", "name", "collector");

        private final String path;
        private final String metricPrefix;
        private final String keyField;
        private final String label;

        ListSection(String path, String metricPrefix, String keyField, String label) {
            this.path = path;
            this.metricPrefix = metricPrefix;
            this.keyField = keyField;
            this.label = label;
        }

        /** Where the list sits in the rich form, e.g. {@code gpu.gpus}. */
        public String path() {
            return path;
        }

        /** The member of an item that names it, e.g. {@code path} for a disk. */
        public String keyField() {
            return keyField;
        }

        /** The series of one field of the item whose key field is {@code key}. */
        public SeriesKey item(String field, String key) {
            return new SeriesKey(metricPrefix + "." + field, Map.of(label, key));
        }

        /** The section a labelled series belongs to, or null when it follows no section's naming. */
        static ListSection of(SeriesKey key) {
            if (key.labels().size() != 1) {
                return null;
            }
            for (ListSection section : values()) {
                String metric = key.metric();
                if (key.labels().containsKey(section.label) && metric.length() > section.metricPrefix.length() + 1
                        && metric.startsWith(section.metricPrefix) && metric.charAt(section.metricPrefix.length()) == '.'
                        && metric.indexOf('.', section.metricPrefix.length() + 1) < 0) {
                    return section;
                }
            }
            return null;
        }

        /** The item field a series of this section holds, e.g. {@code used} for {@code disk.used}. */
        String field(SeriesKey key) {
            return key.metric().substring(metricPrefix.length() + 1);
        }

        /** The length of the labels JSON of an item whose key field is {@code key}, as stored with its series. */
        int labelsJsonLength(String key) {
            return SeriesKey.labelsToJson(Map.of(label, key)).length();
        }

        String key(SeriesKey key) {
            return key.labels().get(label);
        }
    }
}

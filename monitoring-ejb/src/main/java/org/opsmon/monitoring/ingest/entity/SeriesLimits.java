package org.opsmon.monitoring.ingest.entity;

/**
 * The configured values of the {@link SeriesLimit}s. Memory for series is bounded by clients
 * times {@code perClient}: ids, last counter readings and counters exist only for admitted series.
 */
public record SeriesLimits(int perClient, int newPerMinute, int labelsPerSeries, int labelValueLength) {

    public static final String PER_CLIENT_DEFAULT = "10000";
    public static final String NEW_PER_MINUTE_DEFAULT = "5000";
    public static final String LABELS_DEFAULT = "8";
    public static final String LABEL_LENGTH_DEFAULT = "256";

    public static final SeriesLimits DEFAULTS = new SeriesLimits(Integer.parseInt(PER_CLIENT_DEFAULT),
            Integer.parseInt(NEW_PER_MINUTE_DEFAULT), Integer.parseInt(LABELS_DEFAULT),
            Integer.parseInt(LABEL_LENGTH_DEFAULT));

    public SeriesLimits {
        if (perClient < 0 || newPerMinute < 0 || labelsPerSeries < 0 || labelValueLength < 0) {
            throw new IllegalArgumentException("Series limits cannot be negative: " + perClient + ", " + newPerMinute
                    + ", " + labelsPerSeries + ", " + labelValueLength);
        }
    }

    public int value(SeriesLimit limit) {
        return switch (limit) {
            case SERIES_PER_CLIENT -> perClient;
            case NEW_PER_MINUTE -> newPerMinute;
            case LABELS_PER_SERIES -> labelsPerSeries;
            case LABEL_VALUE_LENGTH -> labelValueLength;
        };
    }

    /** The label limit a new series breaks, or null when its labels are acceptable. */
    public SeriesLimit refusedLabels(SeriesKey key) {
        if (key.labels().size() > labelsPerSeries) {
            return SeriesLimit.LABELS_PER_SERIES;
        }
        for (String value : key.labels().values()) {
            if (value.length() > labelValueLength) {
                return SeriesLimit.LABEL_VALUE_LENGTH;
            }
        }
        return null;
    }
}

package org.opsmon.monitoring.ingest.entity;

/** A value that was stored, as observers of {@link SamplesIngested} see it. */
public record StoredSample(SeriesKey key, double value) {
}

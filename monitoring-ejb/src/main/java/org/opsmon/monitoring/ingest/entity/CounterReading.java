package org.opsmon.monitoring.ingest.entity;

import java.time.Instant;

/** A raw counter value at an instant: the memory a rate needs between two samples. */
public record CounterReading(Instant time, double value) {
}

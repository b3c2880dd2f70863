package org.opsmon.monitoring.ingest.entity;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one event of the ingest path: fired once per newly stored snapshot, after its transaction
 * committed, whatever the source (agent over HTTP or WebSocket, the self-sampler, SNMP polling).
 * It is the seam where alert evaluation and live push attach, so neither needs to know where
 * samples come from nor slows ingestion down:
 *
 * <pre>{@code
 * void evaluate(@ObservesAsync SamplesIngested ingested) { ... }
 * }</pre>
 *
 * It is fired asynchronously ({@code fireAsync}): observers run on other threads, outside the
 * ingest transaction, and a failing observer fails neither the request nor other observers.
 * {@code samples} holds every value stored for the snapshot: what the source sent, the sums and
 * percentages the server derives, and counter rates ({@code …_per_s}). A re-sent snapshot that
 * was already stored fires nothing. Events of one request come in time order, but observers of
 * concurrent requests may see them interleaved. {@code texts} carries the snapshot's descriptive
 * values that are no series ({@code system.hostname} → {@code web-01}), for views that show them.
 */
public record SamplesIngested(long clientId, String source, Instant time, List<StoredSample> samples,
                              Map<String, String> texts) {

    public SamplesIngested {
        samples = List.copyOf(samples);
        texts = texts == null || texts.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    /** The event without descriptive texts. */
    public SamplesIngested(long clientId, String source, Instant time, List<StoredSample> samples) {
        this(clientId, source, time, samples, Map.of());
    }
}

package org.opsmon.monitoring.bench;

import java.util.List;

/**
 * What the agents saw between two samples of the server: requests of the realistic agents with
 * their latencies, and server errors (HTTP 5xx, or the stream's equivalent) answered to anyone,
 * hostile agents included. {@link #close} hands the figures over and starts the next window.
 * Synchronized: a few hundred requests a second at most, so contention is no concern.
 */
final class TrafficWindow {

    private Percentiles.Recorder latencies = new Percentiles.Recorder();
    private long serverErrors;
    private long started;

    TrafficWindow(long nanoTime) {
        this.started = nanoTime;
    }

    /** A realistic agent's request got an answer (any status) after {@code nanos}. */
    synchronized void answered(long nanos) {
        latencies.add(nanos);
    }

    /** Someone got a 5xx, or a stream error that stands for one. */
    synchronized void serverError() {
        serverErrors++;
    }

    synchronized Figures close(long nanoTime) {
        Percentiles p = Percentiles.of(Percentiles.Recorder.merge(List.of(latencies)));
        double seconds = Math.max(1e-9, (nanoTime - started) / 1e9);
        Figures figures = new Figures(p.count(), p.count() / seconds, serverErrors, p.at(50) / 1e6, p.at(99) / 1e6);
        latencies = new Percentiles.Recorder();
        serverErrors = 0;
        started = nanoTime;
        return figures;
    }

    /** One window: realistic requests and their rate, server errors to anyone, latency in ms. */
    record Figures(long requests, double perSecond, long serverErrors, double p50Ms, double p99Ms) {

        static final Figures NONE = new Figures(0, 0, 0, 0, 0);
    }
}

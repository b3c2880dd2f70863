/**
 * Load generators that measure the server from the outside, the way agents reach it: over HTTP,
 * with real tokens and realistic snapshots, against a real PostgreSQL. They print figures rather
 * than assert them, because throughput depends on the machine; the numbers worth keeping go into
 * {@code docs/benchmarks.md} together with the machine they came from. The one exception is the
 * soak ({@link org.opsmon.monitoring.bench.Soak}), which also judges its figures against a stated
 * growth bound, because "no leak" is a yes-or-no question whatever the machine's speed. Only the
 * JDK's HTTP and WebSocket clients and JSON-P carry the load, so that the measuring side stays
 * small next to what it measures; the command line is picocli's, reading durations with the
 * agent's converter. The polling benchmark ({@link org.opsmon.monitoring.bench.PollLoad}) turns
 * the roles round: the server is the client, and this JVM plays the SNMP devices it polls
 * ({@link org.opsmon.monitoring.bench.SimulatedDevices}), cheaply enough to leave the cores to
 * the server.
 */
package org.opsmon.monitoring.bench;

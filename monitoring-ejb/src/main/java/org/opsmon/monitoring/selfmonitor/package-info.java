/**
 * The server watching its own host and its own JVM process. The sampler hands typed readings,
 * named like an agent's fields for the host and {@code process.*} for the JVM, to the same
 * ingestion as agents under the built-in client "server", so its history needs no separate
 * storage or API and its latest view reads like an agent's; the probes also answer the
 * instantaneous /api/monitor questions. Growth of the process is judged from a bounded
 * in-memory window of the sampler's readings rather than from stored history, so the health
 * check never waits on the database it may be reporting about.
 */
package org.opsmon.monitoring.selfmonitor;

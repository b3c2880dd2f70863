/**
 * The one way into the sample store. Every source hands typed snapshots to {@code Ingestion}:
 * agents' JSON is parsed first ({@code SnapshotParser}: strict JSON, then the flat or the rich
 * form, names from {@code SeriesNames}); the self-sampler and the SNMP poller build snapshots
 * with {@code Readings} and never touch JSON. Ingestion is one transaction of small steps, a
 * class each (sequence claims, series ids, derived series and rates, sample and command writers,
 * the client's marks), and after commit fires {@code SamplesIngested}, the seam where alert
 * evaluation and live push attach. Samples take plain JDBC multi-row inserts because JPA cannot
 * reach the throughput the hot path needs. docs/architecture.md shows the flow on one page.
 */
package org.opsmon.monitoring.ingest;

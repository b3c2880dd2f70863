/**
 * The one way into the sample store. Every source (HTTP, WebSocket, the self-sampler, later SNMP)
 * hands JSON to the parser and snapshots to {@code Ingestion}, so validation, series naming,
 * counter rates and deduplication behave the same everywhere. Samples take plain JDBC multi-row
 * inserts because JPA cannot reach the throughput the hot path needs; entities stay for the rest.
 */
package org.opsmon.monitoring.ingest;

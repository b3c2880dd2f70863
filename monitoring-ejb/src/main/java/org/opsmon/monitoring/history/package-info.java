/**
 * The read side: spans, reports, aggregated series, the latest snapshot and commands. Queries
 * are SQL over the sample store because aggregation per step belongs in the database, not in
 * memory; every query is bounded (rows, points, series) so a careless request cannot exhaust it.
 */
package org.opsmon.monitoring.history;

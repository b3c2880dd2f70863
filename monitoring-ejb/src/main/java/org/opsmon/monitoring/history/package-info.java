/**
 * The read side: spans, reports, aggregated series, the latest snapshot and commands. Queries
 * are SQL over the sample store because aggregation per step belongs in the database, not in
 * memory; every query is bounded (rows, points, series) so a careless request cannot exhaust it.
 * <p>
 * Its REST boundary (in the web module) is one small root resource per sub-path of
 * clients/{client} (time, series, latest, commands): JAX-RS gives a request to the root
 * resource whose path has the most literal characters, so none of them may claim
 * clients/{client} itself, which belongs to the clients resource; the OpenAPI generator does not
 * follow sub-resource locators, so separate roots also keep every path documented. Answers are
 * records written by JSON-B; the report's CSV is a MessageBodyWriter chosen by Accept or
 * ?format=; time parameters are converted (and refused with a 400 naming them) by JAX-RS.
 */
package org.opsmon.monitoring.history;

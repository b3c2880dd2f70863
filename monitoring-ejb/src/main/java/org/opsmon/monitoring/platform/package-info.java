/**
 * What every capability stands on: the configured datasource, schema migrations, the error type
 * that becomes a 4xx answer, bounded body reading and after-commit hooks. Nothing here knows
 * about monitoring itself.
 *
 * <p>One rule for every application-scoped bean with {@code @Resource} fields (the datasource,
 * managed executors, the transaction registry): it observes
 * {@code @Initialized(ApplicationScoped.class)} so that it is created at deployment. Created
 * lazily instead, on the thread of an asynchronous event fired from a timer or on a plain thread,
 * the container finds no component invocation there, leaves the fields null and the bean stays
 * broken for the application's lifetime (seen as alert evaluation failing for the server's own
 * samples when a self-sample was the first to change an alert).
 */
package org.opsmon.monitoring.platform;

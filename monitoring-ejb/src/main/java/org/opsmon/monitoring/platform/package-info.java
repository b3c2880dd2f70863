/**
 * What every capability stands on: the configured datasource, schema migrations, the error type
 * that becomes a 4xx answer, bounded body reading and after-commit hooks. Nothing here knows
 * about monitoring itself.
 */
package org.opsmon.monitoring.platform;

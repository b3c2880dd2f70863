/**
 * The server watching its own host. The sampler hands typed readings, named like an agent's
 * fields, to the same ingestion as agents under the built-in client "server", so its history
 * needs no separate storage or API and its latest view reads like an agent's; the probe also
 * answers the instantaneous /api/monitor questions.
 */
package org.opsmon.monitoring.selfmonitor;

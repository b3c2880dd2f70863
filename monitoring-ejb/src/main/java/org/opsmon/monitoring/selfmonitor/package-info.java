/**
 * The server watching its own host. The sampler feeds the same ingestion path as agents under the
 * built-in client "server", so its history needs no separate storage or API; the probe answers
 * the instantaneous /api/monitor questions.
 */
package org.opsmon.monitoring.selfmonitor;

/**
 * Getting spooled snapshots to the server: token handling (password grant, renewal, enrollment),
 * the WebSocket stream with its ack window, the HTTP batch fallback, the backoff that paces
 * retries, and the certificates trusted for an https server ({@code ca-cert}). Acknowledgement is
 * the only way data leaves the spool.
 */
package org.opsmon.monitoring.agent.delivery;

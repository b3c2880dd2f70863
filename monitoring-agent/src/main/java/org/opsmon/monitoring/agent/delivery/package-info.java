/**
 * Getting spooled snapshots to the server: token handling (password grant, renewal, enrollment),
 * the WebSocket stream with its ack window, the HTTP batch fallback, the backoff that paces
 * retries, the certificates trusted for an https server ({@code ca-cert}), and the dead-letter
 * file for snapshots the server will not take (rejected, or failing alone while others are stored),
 * so that one bad snapshot never stops delivery. Acknowledgement (or being set aside there) is the
 * only way data leaves the spool.
 */
package org.opsmon.monitoring.agent.delivery;

/**
 * Live push to dashboards over the WebSocket {@code /ws/live}. The endpoint and the observer of
 * evaluation passes are thin boundaries; {@code control} holds the registry of sessions
 * ({@code LiveClients}), the subscription index, the per-client send queue and the frames. The
 * shape follows from 1000 clients sharing one broadcast: each frame is encoded once, recipients are
 * found by one look-up, and each client has a bounded queue with one asynchronous write in flight,
 * so a slow or dead client costs only itself and is dropped by a bound, never waited for.
 */
package org.opsmon.monitoring.live;

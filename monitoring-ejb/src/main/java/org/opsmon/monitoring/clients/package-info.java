/**
 * Sources of samples: agents' hosts, the server itself and devices. A client is kept apart from
 * the principal that logs in for it so its history outlives a deleted or replaced login, and so
 * that the server and devices, which never log in, are clients like any other. The registry owns
 * the client row: JPA for registration and look-ups, and one plain UPDATE for the marks every
 * ingest request moves (last seen, latest snapshot, span of history) on the ingest transaction.
 */
package org.opsmon.monitoring.clients;

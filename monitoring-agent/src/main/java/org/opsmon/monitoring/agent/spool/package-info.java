/**
 * Durability: the on-disk spool every snapshot passes through before any network I/O, the
 * persisted sequence numbers, and the atomic state-file write they share. Nothing here knows about
 * HTTP; delivery only appends, reads and acknowledges.
 */
package org.opsmon.monitoring.agent.spool;

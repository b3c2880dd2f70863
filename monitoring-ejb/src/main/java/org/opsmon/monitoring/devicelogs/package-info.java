/**
 * What devices tell about themselves: SNMP traps, syslog messages, and the status changes the
 * poller records. Everything becomes a device event, one table for all three kinds, so one
 * listing, one severity filter, one live frame and one retention serve them. The receivers
 * listen on sockets of their own (not the HTTP server's), accept only senders that are known
 * devices, and never let a flood, a malformed packet or a slow database reach further than a
 * counter: what they cannot take is dropped and counted, never queued without bound.
 */
package org.opsmon.monitoring.devicelogs;

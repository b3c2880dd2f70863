/**
 * Network devices polled over SNMP. A device is a client of kind {@code device}: what it reports
 * becomes samples through the same ingestion as agents' snapshots, so history, alert rules and
 * live push need nothing device-specific. This package adds how to reach a device (address,
 * version, sealed credentials), what discovery found (system facts, the interface table), the
 * poller that EJB timers drive with bounded parallelism, and reachability (online/offline).
 */
package org.opsmon.monitoring.devices;

/**
 * One class per metric family behind the small {@link org.opsmon.monitoring.agent.collect.Collector}
 * interface, in the manner of node_exporter. Collectors only read the machine and return snapshot
 * sections; timing, threads and timeouts belong to the scheduler, and the snapshot contract (no NaN,
 * no negative sizes, clamped percentages) is enforced once in {@link org.opsmon.monitoring.agent.collect.Fields}.
 * OSHI is used where it reads cheaply (CPU, memory, filesystems, system facts); plain /proc files where
 * one read gives every counter at once (network, disk I/O).
 */
package org.opsmon.monitoring.agent.collect;

package org.opsmon.monitoring.selfmonitor.entity;

/**
 * The database connections this server holds, as the database sees them.
 *
 * @param inUse connections running a statement or inside a transaction, not counting the one
 *              that asked
 * @param open  every connection of this server's pool that is open at the moment, the asking one
 *              included: the pool's current size
 */
public record ConnectionCount(long inUse, long open) {
}

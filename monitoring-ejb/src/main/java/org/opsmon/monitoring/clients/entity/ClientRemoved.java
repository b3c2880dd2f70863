package org.opsmon.monitoring.clients.entity;

/** A client and all it stored are gone; observers drop what they keep of it in memory. */
public record ClientRemoved(long clientId, String name) {
}

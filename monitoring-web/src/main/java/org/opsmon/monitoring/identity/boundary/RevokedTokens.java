package org.opsmon.monitoring.identity.boundary;

/** How many tokens of a client stopped working. */
public record RevokedTokens(long clientId, int revoked) {
}

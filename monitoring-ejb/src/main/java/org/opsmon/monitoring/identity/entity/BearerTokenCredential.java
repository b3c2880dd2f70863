package org.opsmon.monitoring.identity.entity;

import jakarta.security.enterprise.credential.Credential;

/** A bearer token presented by a caller, validated by the token identity store. */
public record BearerTokenCredential(String token) implements Credential {

    @Override
    public String toString() {
        return "BearerTokenCredential[****]";
    }
}

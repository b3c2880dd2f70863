package org.opsmon.monitoring.identity.entity;

/** A freshly issued token: the only moment its clear text exists on the server. */
public record IssuedToken(String accessToken, long expiresInSeconds, Account account) {

    @Override
    public String toString() {
        return "IssuedToken[" + account.username() + ", expires in " + expiresInSeconds + " s]";
    }
}

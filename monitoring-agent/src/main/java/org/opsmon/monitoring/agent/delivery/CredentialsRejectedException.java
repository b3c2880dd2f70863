package org.opsmon.monitoring.agent.delivery;

/** The server refused the username/password (or enrollment): retrying the same values cannot help. */
public final class CredentialsRejectedException extends Exception {

    public CredentialsRejectedException(String message) {
        super(message);
    }
}

package org.opsmon.monitoring.ingest.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.identity.control.AccessTokens;

/**
 * Whether an open stream may go on: its handshake's token still resolves (neither revoked nor
 * expired), to the account the stream was opened by, and that account still owns the stream's
 * client (not deleted, not re-registered as another client). Each check is its own short
 * transaction: the re-check runs on a scheduler thread, where the persistence context must not
 * outlive the call.
 */
@ApplicationScoped
public class StreamEntitlement {

    @Inject
    AccessTokens tokens;

    @Inject
    ClientRegistry clients;

    @Transactional
    public boolean holds(String token, String username, long clientId) {
        return tokens.resolve(token)
                .filter(owner -> owner.username().equals(username))
                .flatMap(owner -> clients.ownedBy(owner.username()))
                .filter(client -> client.id() == clientId)
                .isPresent();
    }
}

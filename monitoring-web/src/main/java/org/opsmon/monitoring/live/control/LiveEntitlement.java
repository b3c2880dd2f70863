package org.opsmon.monitoring.live.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import org.opsmon.monitoring.identity.control.AccessTokens;
import org.opsmon.monitoring.identity.control.Accounts;
import org.opsmon.monitoring.identity.entity.Role;

/**
 * Whether a live session may go on: a token must still resolve (neither revoked nor expired) to
 * the same viewer or admin; a web-session login needs its web session still alive and its account
 * still a viewer or admin. Each check is its own short transaction: the sweep runs on a scheduler
 * thread, where the persistence context must not outlive the call.
 */
@ApplicationScoped
public class LiveEntitlement {

    @Inject
    AccessTokens tokens;

    @Inject
    Accounts accounts;

    @Transactional
    public boolean holds(LiveCredential credential) {
        if (credential.token() != null) {
            return tokens.resolve(credential.token())
                    .filter(owner -> owner.username().equals(credential.username()) && reads(owner.role()))
                    .isPresent();
        }
        return credential.webSessionLive() && accounts.findByUsername(credential.username())
                .filter(account -> reads(account.role()))
                .isPresent();
    }

    /** The roles that may watch live: everyone who reads everything. */
    public static boolean reads(Role role) {
        return role == Role.ADMIN || role == Role.VIEWER;
    }
}

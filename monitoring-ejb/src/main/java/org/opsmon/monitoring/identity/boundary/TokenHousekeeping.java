package org.opsmon.monitoring.identity.boundary;

import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.inject.Inject;
import java.util.logging.Logger;
import org.opsmon.monitoring.identity.control.AccessTokens;

/** Hourly removal of long-expired tokens so the token table stays small. */
@Singleton
public class TokenHousekeeping {

    private static final Logger LOG = Logger.getLogger(TokenHousekeeping.class.getName());

    @Inject
    AccessTokens tokens;

    @Schedule(hour = "*", minute = "17", persistent = false)
    void purge() {
        int removed = tokens.purgeExpired();
        if (removed > 0) {
            LOG.fine(() -> "Removed " + removed + " expired tokens");
        }
    }
}

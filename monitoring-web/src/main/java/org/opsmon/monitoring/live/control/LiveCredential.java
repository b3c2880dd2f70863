package org.opsmon.monitoring.live.control;

import jakarta.servlet.http.HttpSession;

/**
 * What opened a live session: the caller's name, and either the bearer token its handshake
 * presented or the web session it is logged in with. The sweep checks it again and again, so a
 * revoked token, a deleted account or a logout ends the live view too. The token stays in memory
 * with this session alone and is never written anywhere.
 *
 * @param token      the handshake's bearer token; null for a web-session login
 * @param webSession the handshake's web session; null when there is none
 */
public record LiveCredential(String username, String token, HttpSession webSession) {

    /** True while the web session the caller logged in with has not ended (logout, expiry). */
    boolean webSessionLive() {
        if (webSession == null) {
            return true;
        }
        try {
            webSession.getLastAccessedTime();
            return true;
        } catch (IllegalStateException invalidated) {
            return false;
        }
    }

    @Override
    public String toString() {
        return "LiveCredential[" + username + (token == null ? ", web session]" : ", bearer token]");
    }
}

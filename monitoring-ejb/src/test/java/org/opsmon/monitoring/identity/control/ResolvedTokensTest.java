package org.opsmon.monitoring.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.identity.entity.Role;
import org.opsmon.monitoring.identity.entity.TokenOwner;

class ResolvedTokensTest {

    static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");
    static final TokenOwner WEB01 = new TokenOwner("web-01", Role.AGENT);
    static final TokenOwner DB01 = new TokenOwner("db-01", Role.AGENT);

    /** A 30-second cache that has just checked token "a" of web-01, which expires in the given seconds. */
    static ResolvedTokens checked(long expiresIn) {
        ResolvedTokens tokens = new ResolvedTokens(30);
        tokens.remember("a", WEB01, NOW.plusSeconds(expiresIn), NOW, tokens.generation());
        return tokens;
    }

    @Test
    void aLiveTokenIsRememberedForTheConfiguredTime() {
        ResolvedTokens tokens = checked(3600);
        assertEquals(Optional.of(WEB01), tokens.get("a", NOW.plusSeconds(29)));
        assertEquals(Optional.empty(), tokens.get("a", NOW.plusSeconds(30)));
        assertEquals(0, tokens.size(), "a stale entry is dropped when met");
        assertEquals(Optional.empty(), tokens.get("unknown", NOW));
    }

    @Test
    void neverPastTheTokensExpiry() {
        ResolvedTokens tokens = checked(5);
        assertEquals(Optional.of(WEB01), tokens.get("a", NOW.plusSeconds(4)));
        assertEquals(Optional.empty(), tokens.get("a", NOW.plusSeconds(5)));
    }

    @Test
    void forgettingAPrincipalDropsOnlyItsTokens() {
        ResolvedTokens tokens = checked(3600);
        tokens.remember("b", WEB01, NOW.plusSeconds(3600), NOW, tokens.generation());
        tokens.remember("c", DB01, NOW.plusSeconds(3600), NOW, tokens.generation());
        tokens.forget("web-01");
        assertEquals(Optional.empty(), tokens.get("a", NOW));
        assertEquals(Optional.empty(), tokens.get("b", NOW));
        assertEquals(Optional.of(DB01), tokens.get("c", NOW));
    }

    @Test
    void aLookUpThatRacedWithARevocationIsNotRemembered() {
        ResolvedTokens tokens = new ResolvedTokens(30);
        long before = tokens.generation();
        // The database said "live", then the revocation committed and swept the cache, then the
        // look-up's result arrives: it must not bring the token back.
        tokens.forget("web-01");
        tokens.remember("a", WEB01, NOW.plusSeconds(3600), NOW, before);
        assertEquals(Optional.empty(), tokens.get("a", NOW));
    }

    @Test
    void zeroSecondsTurnsTheCacheOff() {
        ResolvedTokens tokens = new ResolvedTokens(0);
        tokens.remember("a", WEB01, NOW.plusSeconds(3600), NOW, tokens.generation());
        assertEquals(Optional.empty(), tokens.get("a", NOW));
    }

    @Test
    void theCacheStaysBounded() {
        ResolvedTokens tokens = new ResolvedTokens(30);
        for (int i = 0; i <= ResolvedTokens.MAX_ENTRIES; i++) {
            tokens.remember("t" + i, WEB01, NOW.plusSeconds(3600), NOW, tokens.generation());
        }
        assertTrue(tokens.size() <= ResolvedTokens.MAX_ENTRIES, String.valueOf(tokens.size()));
        assertEquals(Optional.of(WEB01), tokens.get("t" + ResolvedTokens.MAX_ENTRIES, NOW));
    }
}

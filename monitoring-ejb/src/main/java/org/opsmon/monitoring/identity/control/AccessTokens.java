package org.opsmon.monitoring.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.identity.entity.AccessToken;
import org.opsmon.monitoring.identity.entity.Account;
import org.opsmon.monitoring.identity.entity.IssuedToken;
import org.opsmon.monitoring.identity.entity.TokenOwner;
import org.opsmon.monitoring.platform.control.AfterCommit;

/**
 * Issues, resolves and revokes bearer tokens. Tokens carry 256 random bits and are stored
 * only as SHA-256 digests; a plain digest is enough because the input is not guessable.
 */
@ApplicationScoped
public class AccessTokens {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TOKEN_BYTES = 32;

    @PersistenceContext(unitName = "monitoring")
    EntityManager em;

    @Inject
    @ConfigProperty(name = "monitoring.token.lifetime", defaultValue = "3600")
    long lifetimeSeconds;

    @Inject
    ResolvedTokens recent;

    @Inject
    AfterCommit afterCommit;

    public IssuedToken issue(Account account) {
        byte[] raw = new byte[TOKEN_BYTES];
        RANDOM.nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        em.persist(new AccessToken(account, digest(token), now, now.plusSeconds(lifetimeSeconds)));
        return new IssuedToken(token, lifetimeSeconds, account);
    }

    /** Whom a token speaks for while it is neither expired nor revoked. */
    public Optional<TokenOwner> resolve(String token) {
        if (token == null || token.isEmpty() || token.length() > 512) {
            return Optional.empty();
        }
        String digest = digest(token);
        Instant now = Instant.now();
        Optional<TokenOwner> remembered = recent.get(digest, now);
        if (remembered.isPresent()) {
            return remembered;
        }
        long generation = recent.generation();
        OffsetDateTime at = now.atOffset(ZoneOffset.UTC);
        Optional<AccessToken> live = em.createNamedQuery(AccessToken.BY_HASH, AccessToken.class)
                .setParameter("hash", digest)
                .getResultStream()
                .filter(t -> t.isActiveAt(at))
                .findFirst();
        Optional<TokenOwner> owner = live.map(t -> new TokenOwner(t.account().username(), t.account().role()));
        owner.ifPresent(o -> recent.remember(digest, o, live.get().expiresAt().toInstant(), now, generation));
        return owner;
    }

    /** Revokes every live token of the account; returns how many were revoked. */
    public int revokeAll(Account account) {
        int revoked = em.createNamedQuery(AccessToken.REVOKE_ALL)
                .setParameter("now", OffsetDateTime.now(ZoneOffset.UTC))
                .setParameter("account", account)
                .executeUpdate();
        forgetAfterCommit(account.username());
        return revoked;
    }

    /**
     * Makes the account's tokens unusable on this server at once: now, and again once the change
     * that revoked or deleted them has committed, so a look-up in between cannot bring them back.
     */
    public void forgetAfterCommit(String username) {
        recent.forget(username);
        afterCommit.run(() -> recent.forget(username));
    }

    /** Removes tokens that expired more than a day ago; they can no longer authenticate anyone. */
    public int purgeExpired() {
        return em.createNamedQuery(AccessToken.PURGE_EXPIRED)
                .setParameter("before", OffsetDateTime.now(ZoneOffset.UTC).minusDays(1))
                .executeUpdate();
    }

    public long lifetimeSeconds() {
        return lifetimeSeconds;
    }

    static String digest(String token) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}

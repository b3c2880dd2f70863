package org.opsmon.monitoring.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.identity.entity.TokenOwner;

/**
 * Bearer tokens resolved recently, so an agent's request does not cost a database look-up of its
 * token every time. An entry lives at most {@code monitoring.token.cache} seconds and never past
 * its token's expiry; revoking an account's tokens or deleting the account forgets its entries
 * on this server at once. Only live tokens are remembered: an unknown token always goes to the
 * database.
 */
@ApplicationScoped
public class ResolvedTokens {

    /** Far above the number of agents one server serves; past it the cache starts over. */
    static final int MAX_ENTRIES = 100_000;

    private record Entry(TokenOwner owner, Instant until) {
    }

    private final ConcurrentHashMap<String, Entry> byDigest = new ConcurrentHashMap<>();
    /** Advances with every forget, so a look-up that raced with a revocation is not remembered. */
    private final AtomicLong generation = new AtomicLong();

    @Inject
    @ConfigProperty(name = "monitoring.token.cache", defaultValue = "30")
    long seconds;

    public ResolvedTokens() {
    }

    ResolvedTokens(long seconds) {
        this.seconds = seconds;
    }

    Optional<TokenOwner> get(String digest, Instant now) {
        Entry entry = byDigest.get(digest);
        if (entry == null) {
            return Optional.empty();
        }
        if (!now.isBefore(entry.until())) {
            byDigest.remove(digest, entry);
            return Optional.empty();
        }
        return Optional.of(entry.owner());
    }

    /** Taken before the database look-up whose result is then offered to {@link #remember}. */
    long generation() {
        return generation.get();
    }

    void remember(String digest, TokenOwner owner, Instant tokenExpiry, Instant now, long generationAtLookup) {
        if (seconds <= 0) {
            return;
        }
        if (byDigest.size() >= MAX_ENTRIES) {
            byDigest.clear();
        }
        Instant until = now.plusSeconds(seconds);
        Entry entry = new Entry(owner, until.isBefore(tokenExpiry) ? until : tokenExpiry);
        byDigest.put(digest, entry);
        // A forget that ran since the look-up may have missed this entry: take it back. Together
        // with forget() advancing the generation before it sweeps, no revoked token stays here.
        if (generation.get() != generationAtLookup) {
            byDigest.remove(digest, entry);
        }
    }

    /** Drops every remembered token of the principal. */
    public void forget(String username) {
        generation.incrementAndGet();
        byDigest.values().removeIf(entry -> entry.owner().username().equals(username));
    }

    int size() {
        return byDigest.size();
    }
}

package org.opsmon.monitoring.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;

/** An issued bearer token. Only its SHA-256 is stored: a database leak yields no usable token. */
@Entity
@Table(name = "access_token")
@NamedQuery(name = AccessToken.BY_HASH,
        query = "SELECT t FROM AccessToken t JOIN FETCH t.account WHERE t.tokenHash = :hash")
@NamedQuery(name = AccessToken.REVOKE_ALL,
        query = "UPDATE AccessToken t SET t.revokedAt = :now WHERE t.account = :account AND t.revokedAt IS NULL")
@NamedQuery(name = AccessToken.PURGE_EXPIRED, query = "DELETE FROM AccessToken t WHERE t.expiresAt < :before")
public class AccessToken {

    public static final String BY_HASH = "AccessToken.byHash";
    public static final String REVOKE_ALL = "AccessToken.revokeAll";
    public static final String PURGE_EXPIRED = "AccessToken.purgeExpired";

    @Id
    @SequenceGenerator(name = "access_token_seq", sequenceName = "access_token_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "access_token_seq")
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "account_id", nullable = false)
    private Account account;

    @Column(name = "token_hash", nullable = false, unique = true, length = 64)
    private String tokenHash;

    @Column(name = "issued_at", nullable = false)
    private OffsetDateTime issuedAt;

    @Column(name = "expires_at", nullable = false)
    private OffsetDateTime expiresAt;

    @Column(name = "revoked_at")
    private OffsetDateTime revokedAt;

    protected AccessToken() {
    }

    public AccessToken(Account account, String tokenHash, OffsetDateTime issuedAt, OffsetDateTime expiresAt) {
        this.account = Objects.requireNonNull(account);
        this.tokenHash = Objects.requireNonNull(tokenHash);
        this.issuedAt = Objects.requireNonNull(issuedAt);
        this.expiresAt = Objects.requireNonNull(expiresAt);
    }

    public boolean isActiveAt(OffsetDateTime now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    public Account account() {
        return account;
    }

    public OffsetDateTime expiresAt() {
        return expiresAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AccessToken token && tokenHash.equals(token.tokenHash);
    }

    @Override
    public int hashCode() {
        return tokenHash.hashCode();
    }
}

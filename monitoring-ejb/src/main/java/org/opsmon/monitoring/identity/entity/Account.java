package org.opsmon.monitoring.identity.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;

/** A principal that can log in: a person (admin, viewer) or an agent. Only the password hash is kept. */
@Entity
@Table(name = "account")
@NamedQuery(name = Account.BY_USERNAME, query = "SELECT a FROM Account a WHERE a.username = :username")
@NamedQuery(name = Account.COUNT_BY_ROLE, query = "SELECT COUNT(a) FROM Account a WHERE a.role = :role")
@NamedQuery(name = Account.ALL, query = "SELECT a FROM Account a ORDER BY a.username")
public class Account {

    public static final String BY_USERNAME = "Account.byUsername";
    public static final String COUNT_BY_ROLE = "Account.countByRole";
    public static final String ALL = "Account.all";

    @Id
    @SequenceGenerator(name = "account_seq", sequenceName = "account_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 512)
    private String passwordHash;

    @Column(nullable = false, length = 16)
    private Role role;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    protected Account() {
    }

    public Account(String username, String passwordHash, Role role, OffsetDateTime createdAt) {
        this.username = Objects.requireNonNull(username);
        this.passwordHash = Objects.requireNonNull(passwordHash);
        this.role = Objects.requireNonNull(role);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public Long id() {
        return id;
    }

    public String username() {
        return username;
    }

    public Role role() {
        return role;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    public void changePasswordHash(String newHash) {
        this.passwordHash = Objects.requireNonNull(newHash);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Account account && username.equals(account.username);
    }

    @Override
    public int hashCode() {
        return username.hashCode();
    }
}

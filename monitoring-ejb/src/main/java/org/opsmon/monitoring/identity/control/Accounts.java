package org.opsmon.monitoring.identity.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.opsmon.monitoring.identity.entity.Account;
import org.opsmon.monitoring.identity.entity.Role;
import org.opsmon.monitoring.platform.entity.ColumnSizes;
import org.opsmon.monitoring.platform.entity.RequestProblem;
import org.opsmon.monitoring.platform.entity.TextRule;

/** The store of principals: creation with validated names and hashed passwords, and look-up. */
@ApplicationScoped
public class Accounts {

    /** The longest name: the account's column, which is also the client's name for agents. */
    public static final int MAX_USERNAME_LENGTH = Math.min(ColumnSizes.ACCOUNT_USERNAME, ColumnSizes.CLIENT_NAME);
    /** Letters first so a name is never mistaken for a numeric client id in a URL. */
    static final Pattern USERNAME = Pattern.compile("[A-Za-z][A-Za-z0-9._-]{1," + (MAX_USERNAME_LENGTH - 1) + "}");
    /** Names the server uses for itself and for the enrollment secret's caller. */
    static final java.util.Set<String> RESERVED = java.util.Set.of("server", "enrollment");
    static final int MIN_PASSWORD_LENGTH = 8;
    static final int MAX_PASSWORD_LENGTH = 256;

    @PersistenceContext(unitName = "monitoring")
    EntityManager em;

    @Inject
    PasswordHashing hashing;

    @Inject
    AccessTokens tokens;

    public Account create(String username, String password, Role role) {
        validateUsername(username);
        validatePassword(password);
        if (findByUsername(username).isPresent()) {
            throw RequestProblem.conflict("name_taken", "The name '" + username + "' is already registered");
        }
        Account account = new Account(username, hashing.hash(password), role, OffsetDateTime.now(ZoneOffset.UTC));
        em.persist(account);
        return account;
    }

    public Optional<Account> findByUsername(String username) {
        return em.createNamedQuery(Account.BY_USERNAME, Account.class)
                .setParameter("username", username)
                .getResultStream().findFirst();
    }

    /** The account whose name and password match, if any; the hash is checked even for unknown names. */
    public Optional<Account> authenticate(String username, String password) {
        Optional<Account> account = findByUsername(username);
        if (account.isEmpty()) {
            hashing.matches(password, DecoyHash.VALUE.hash(hashing));
            return Optional.empty();
        }
        return hashing.matches(password, account.get().passwordHash()) ? account : Optional.empty();
    }

    public List<Account> all() {
        return em.createNamedQuery(Account.ALL, Account.class).getResultList();
    }

    public Account require(String username) {
        return findByUsername(username).orElseThrow(() -> RequestProblem.notFound("No user '" + username + "'"));
    }

    /** Sets a new password; the caller revokes the old tokens so the change takes effect at once. */
    public void changePassword(Account account, String newPassword) {
        validatePassword(newPassword);
        account.changePasswordHash(hashing.hash(newPassword));
    }

    /** Removes a principal; the last admin stays, so the installation can always be administered. */
    public void delete(Account account) {
        if (account.role() == Role.ADMIN && countWithRole(Role.ADMIN) <= 1) {
            throw RequestProblem.conflict("last_admin", "The last admin cannot be deleted");
        }
        em.createQuery("UPDATE Client c SET c.account = NULL WHERE c.account = :account")
                .setParameter("account", account).executeUpdate();
        em.remove(account);
        tokens.forgetAfterCommit(account.username());
    }

    public long countWithRole(Role role) {
        return em.createNamedQuery(Account.COUNT_BY_ROLE, Long.class).setParameter("role", role).getSingleResult();
    }

    public static void validateUsername(String username) {
        if (username == null || username.isBlank()) {
            throw RequestProblem.badRequest("invalid_request", "username is required");
        }
        String violation = TextRule.violation(username);
        if (violation != null) {
            throw RequestProblem.badRequest("invalid_username", "username " + violation);
        }
        if (!USERNAME.matcher(username).matches()) {
            throw RequestProblem.badRequest("invalid_username", "username must be 2-" + MAX_USERNAME_LENGTH
                    + " characters: a letter, then letters, digits, '.', '_' or '-'");
        }
        if (RESERVED.contains(username.toLowerCase(java.util.Locale.ROOT))) {
            throw RequestProblem.conflict("name_taken", "The name '" + username + "' is reserved");
        }
    }

    public static void validatePassword(String password) {
        if (password == null || password.isEmpty()) {
            throw RequestProblem.badRequest("invalid_request", "password is required");
        }
        if (password.length() < MIN_PASSWORD_LENGTH) {
            throw RequestProblem.badRequest("weak_password",
                    "password must be at least " + MIN_PASSWORD_LENGTH + " characters long");
        }
        if (password.length() > MAX_PASSWORD_LENGTH) {
            throw RequestProblem.badRequest("invalid_request",
                    "password must be at most " + MAX_PASSWORD_LENGTH + " characters long");
        }
        // Hashing encodes the password as UTF-8, where every lone surrogate becomes the same '?'.
        String violation = TextRule.violation(password);
        if (violation != null) {
            throw RequestProblem.badRequest("invalid_password", "password " + violation);
        }
    }

    /** A hash computed once, so that a login for an unknown name costs as much as for a known one. */
    private enum DecoyHash {
        VALUE;

        private volatile String hash;

        String hash(PasswordHashing hashing) {
            String current = hash;
            if (current == null) {
                current = hashing.hash("decoy-password-for-timing");
                hash = current;
            }
            return current;
        }
    }
}

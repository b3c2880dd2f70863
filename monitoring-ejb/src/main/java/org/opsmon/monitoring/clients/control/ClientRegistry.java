package org.opsmon.monitoring.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.clients.entity.ClientKind;
import org.opsmon.monitoring.clients.entity.ClientRemoved;
import org.opsmon.monitoring.identity.control.AccessTokens;
import org.opsmon.monitoring.identity.control.Accounts;
import org.opsmon.monitoring.identity.entity.Account;
import org.opsmon.monitoring.identity.entity.Role;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Registers agents (an agent account plus its client), finds clients by id or name, and moves a
 * client's marks (last seen, latest snapshot, span of its history) as samples arrive.
 */
@ApplicationScoped
public class ClientRegistry {

    public static final String SELF_NAME = "server";

    @PersistenceContext(unitName = "monitoring")
    EntityManager em;

    @Inject
    Accounts accounts;

    @Inject
    AccessTokens tokens;

    @Inject
    Event<ClientRemoved> removed;

    /**
     * Registers an agent. A client left without a login (its account was deleted) keeps its
     * history under its name; only an admin who asks for it ({@code continueHistory}) attaches
     * a new login to it, so that a re-installed host continues its history. Anyone else
     * registering that name, the enrollment secret included, is refused: otherwise whoever
     * enrolls a retired host's name first would inherit its samples and command log.
     */
    public Client registerAgent(String username, String password, boolean continueHistory) {
        // Checked before the look-up: a name the database cannot even compare is no conflict.
        Accounts.validateUsername(username);
        Optional<Client> existing = byName(username);
        if (existing.isPresent() && (existing.get().kind() != ClientKind.AGENT || existing.get().account() != null)) {
            throw RequestProblem.conflict("name_taken", "The name '" + username + "' is already registered");
        }
        if (existing.isPresent() && !continueHistory) {
            throw RequestProblem.conflict("name_retired", "The name '" + username + "' belongs to a retired client "
                    + "that keeps its history; an admin may register it again with \"continue_history\": true, "
                    + "or delete that client first");
        }
        Account account = accounts.create(username, password, Role.AGENT);
        if (existing.isPresent()) {
            existing.get().attach(account);
            return existing.get();
        }
        Client client = Client.agent(account, account.createdAt());
        em.persist(client);
        return client;
    }

    /** The server's own client, created on first use. */
    public Client self() {
        return byName(SELF_NAME).orElseGet(() -> {
            Client client = Client.self(SELF_NAME, OffsetDateTime.now(ZoneOffset.UTC));
            em.persist(client);
            return client;
        });
    }

    /** A client by numeric id or by name, as both appear in URLs. */
    public Optional<Client> find(String reference) {
        if (reference == null || reference.isEmpty()) {
            return Optional.empty();
        }
        // ASCII digits only: Long.parseLong also reads Arabic-Indic or fullwidth digits as an id.
        if (reference.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                // One query with the account (every request checks ownership), where find() takes two.
                return em.createNamedQuery(Client.BY_ID, Client.class).setParameter("id", Long.parseLong(reference))
                        .getResultStream().findFirst();
            } catch (NumberFormatException tooLong) {
                return Optional.empty();
            }
        }
        return byName(reference);
    }

    public Client require(String reference) {
        return find(reference).orElseThrow(() -> RequestProblem.notFound("No client '" + reference + "'"));
    }

    public Optional<Client> byName(String name) {
        return em.createNamedQuery(Client.BY_NAME, Client.class).setParameter("name", name)
                .getResultStream().findFirst();
    }

    public Optional<Client> ownedBy(String username) {
        return em.createNamedQuery(Client.BY_ACCOUNT_NAME, Client.class).setParameter("username", username)
                .getResultStream().findFirst();
    }

    /**
     * Removes a client with its history (samples, series, commands) and its login. The server's
     * own client stays. Samples are deleted explicitly: partitions carry no foreign key.
     */
    public void remove(Client client) {
        if (client.kind() == ClientKind.SELF) {
            throw RequestProblem.conflict("built_in", "The server's own client cannot be removed");
        }
        em.createNativeQuery("DELETE FROM sample WHERE series_id IN (SELECT id FROM series WHERE client_id = ?)")
                .setParameter(1, client.id()).executeUpdate();
        Account account = client.account();
        em.remove(client);
        if (account != null) {
            em.remove(account);
            tokens.forgetAfterCommit(account.username());
        }
        removed.fire(new ClientRemoved(client.id(), client.name()));
    }

    /**
     * Moves a client's marks after a request stored samples: last seen, the newest snapshot for
     * "latest" views (unless a newer one is already there) and the span of its history. One plain
     * UPDATE on the ingest transaction's connection: through JPA every ingest request would first
     * load the client it only writes to.
     */
    public void recordSamples(Connection connection, long clientId, Instant receivedAt, Instant oldest, Instant newest,
                              String newestSnapshot) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE client SET last_seen = ?, "
                        + "latest_snapshot = CASE WHEN latest_snapshot_at IS NULL OR latest_snapshot_at <= ? "
                        + "THEN ? ELSE latest_snapshot END, "
                        + "latest_snapshot_at = CASE WHEN latest_snapshot_at IS NULL OR latest_snapshot_at <= ? "
                        + "THEN ? ELSE latest_snapshot_at END, "
                        + "first_sample_at = CASE WHEN first_sample_at IS NULL OR first_sample_at > ? "
                        + "THEN ? ELSE first_sample_at END, "
                        + "last_sample_at = CASE WHEN last_sample_at IS NULL OR last_sample_at < ? "
                        + "THEN ? ELSE last_sample_at END "
                        + "WHERE id = ?")) {
            OffsetDateTime newestTime = utc(newest);
            OffsetDateTime oldestTime = utc(oldest);
            update.setObject(1, utc(receivedAt));
            update.setObject(2, newestTime);
            update.setString(3, newestSnapshot);
            update.setObject(4, newestTime);
            update.setObject(5, newestTime);
            update.setObject(6, oldestTime);
            update.setObject(7, oldestTime);
            update.setObject(8, newestTime);
            update.setObject(9, newestTime);
            update.setLong(10, clientId);
            update.executeUpdate();
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    public List<Client> all() {
        return em.createNamedQuery(Client.ALL, Client.class).getResultList();
    }
}

package org.opsmon.monitoring.clients.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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

/** Registers agents (an agent account plus its client) and finds clients by id or name. */
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
        if (reference.chars().allMatch(Character::isDigit)) {
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

    public List<Client> all() {
        return em.createNamedQuery(Client.ALL, Client.class).getResultList();
    }
}

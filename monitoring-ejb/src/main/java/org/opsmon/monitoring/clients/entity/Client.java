package org.opsmon.monitoring.clients.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
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
import org.opsmon.monitoring.identity.entity.Account;

/**
 * A source of samples: an agent's host, the server itself or a network device. Its name is the
 * business key; agents log in with the account attached to their client.
 */
@Entity
@Table(name = "client")
@NamedQuery(name = Client.ALL, query = "SELECT c FROM Client c LEFT JOIN FETCH c.account ORDER BY c.id")
@NamedQuery(name = Client.BY_ID, query = "SELECT c FROM Client c LEFT JOIN FETCH c.account WHERE c.id = :id")
@NamedQuery(name = Client.BY_NAME, query = "SELECT c FROM Client c LEFT JOIN FETCH c.account WHERE c.name = :name")
@NamedQuery(name = Client.BY_ACCOUNT_NAME,
        query = "SELECT c FROM Client c WHERE c.account.username = :username")
public class Client {

    public static final String ALL = "Client.all";
    public static final String BY_ID = "Client.byId";
    public static final String BY_NAME = "Client.byName";
    public static final String BY_ACCOUNT_NAME = "Client.byAccountName";

    @Id
    @SequenceGenerator(name = "client_seq", sequenceName = "client_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "client_seq")
    private Long id;

    @Column(nullable = false, unique = true, length = 64)
    private String name;

    @Column(nullable = false, length = 16)
    private ClientKind kind;

    // Eager: ownership checks read the account after the lookup's transaction has ended, which
    // only some JPA providers allow for lazy associations.
    @ManyToOne
    @JoinColumn(name = "account_id")
    private Account account;

    @Column(name = "registered_at", nullable = false)
    private OffsetDateTime registeredAt;

    @Column(name = "last_seen")
    private OffsetDateTime lastSeen;

    protected Client() {
    }

    private Client(String name, ClientKind kind, Account account, OffsetDateTime registeredAt) {
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        this.account = account;
        this.registeredAt = Objects.requireNonNull(registeredAt);
    }

    public static Client agent(Account account, OffsetDateTime registeredAt) {
        return new Client(account.username(), ClientKind.AGENT, account, registeredAt);
    }

    public static Client self(String name, OffsetDateTime registeredAt) {
        return new Client(name, ClientKind.SELF, null, registeredAt);
    }

    /** A network device's client: it has no login, the server polls it. */
    public static Client device(String name, OffsetDateTime registeredAt) {
        return new Client(name, ClientKind.DEVICE, null, registeredAt);
    }

    /** Gives a client whose login was deleted a new one: a re-enrolled host keeps its history. */
    public void attach(Account newAccount) {
        if (kind != ClientKind.AGENT || account != null) {
            throw new IllegalStateException("Client " + name + " already has a login or is not an agent");
        }
        this.account = newAccount;
    }

    /** True when the given principal is the agent this client belongs to. */
    public boolean ownedBy(String username) {
        return account != null && account.username().equals(username);
    }

    public Long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ClientKind kind() {
        return kind;
    }

    public Account account() {
        return account;
    }

    public OffsetDateTime registeredAt() {
        return registeredAt;
    }

    public OffsetDateTime lastSeen() {
        return lastSeen;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Client client && name.equals(client.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }
}

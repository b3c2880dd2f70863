package org.opsmon.monitoring.platform.control;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database of one test class's own, migrated by the server's own migration and
 * dropped afterwards, so tests of the sample store run against the real thing without touching
 * anyone's data. It is created on the server named by {@code it.db.url} (the integration tests'
 * setting, passed by surefire; default the CI's {@code monitoring_test} on 127.0.0.1:5432), with
 * that database's name as prefix. Register with {@code @RegisterExtension static}.
 */
public final class FreshDatabase implements BeforeAllCallback, AfterAllCallback {

    private static final int MAX_NAME_LENGTH = 63;
    /** Held so the level sticks: the migration's step-by-step report would drown the test output. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    private final String url = System.getProperty("it.db.url", "jdbc:postgresql://127.0.0.1:5432/monitoring_test");
    private final String user = System.getProperty("it.db.user", "postgres");
    private final String password = System.getProperty("it.db.password", "");
    private String name;
    private PGSimpleDataSource dataSource;

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        URI server = URI.create(url.substring("jdbc:".length()));
        String suffix = "_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT) + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        String prefix = server.getPath().substring(1);
        name = prefix.substring(0, Math.min(prefix.length(), MAX_NAME_LENGTH - suffix.length())) + suffix;
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Unusual test database name: " + name);
        }
        int port = server.getPort() < 0 ? 5432 : server.getPort();
        try (Connection admin = maintenance(server.getHost(), port); Statement create = admin.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        }
        dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {server.getHost()});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(name);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        FLYWAY_LOG.setLevel(Level.WARNING);
        SchemaMigration migration = new SchemaMigration();
        migration.dataSource = dataSource;
        migration.migrate();
    }

    @Override
    public void afterAll(ExtensionContext context) throws SQLException {
        if (name == null) {
            return;
        }
        URI server = URI.create(url.substring("jdbc:".length()));
        try (Connection admin = maintenance(server.getHost(), server.getPort() < 0 ? 5432 : server.getPort());
             Statement drop = admin.createStatement()) {
            drop.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    /** Plain connections, each committing on its own unless told otherwise. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** The JDBC URL of this database, for code that makes its own connections. */
    public String url() {
        URI server = URI.create(url.substring("jdbc:".length()));
        return "jdbc:postgresql://" + server.getHost() + ":" + (server.getPort() < 0 ? 5432 : server.getPort()) + "/" + name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect() throws SQLException {
        return dataSource.getConnection();
    }

    /** The single whole number a query answers (a count, an id). */
    public long number(String sql, Object... params) throws SQLException {
        return ((Number) value(sql, params)).longValue();
    }

    /** The single value a query answers, null when it finds no row; instants are bound in UTC. */
    public Object value(String sql, Object... params) throws SQLException {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, params);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? row.getObject(1) : null;
            }
        }
    }

    /** The single instant a query answers, null when it finds no row or a null. */
    public Instant instant(String sql, Object... params) throws SQLException {
        try (Connection connection = connect(); PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, params);
            try (ResultSet row = query.executeQuery()) {
                OffsetDateTime value = row.next() ? row.getObject(1, OffsetDateTime.class) : null;
                return value == null ? null : value.toInstant();
            }
        }
    }

    /** Plain statements, each committed on its own: fixtures. */
    public void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    public int update(String sql, Object... params) throws SQLException {
        try (Connection connection = connect(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, params);
            return statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            statement.setObject(i + 1, params[i] instanceof Instant instant
                    ? OffsetDateTime.ofInstant(instant, ZoneOffset.UTC) : params[i]);
        }
    }

    /** A new agent client row (what registration leaves behind), by name; returns its id. */
    public long client(String clientName) throws SQLException {
        return number("INSERT INTO client (id, name, kind, registered_at) "
                + "VALUES (nextval('client_seq'), ?, 'agent', CURRENT_TIMESTAMP) RETURNING id", clientName);
    }

    private Connection maintenance(String host, int port) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
    }
}

package org.opsmon.monitoring.history.control;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database of its own for one test class, with the schema the server migrates to:
 * created on the server the integration tests use (it.db.url, user it.db.user), dropped after.
 */
final class ScratchDatabase implements AutoCloseable {

    private final String adminUrl;
    private final String user;
    private final String password;
    private final String name;
    private final PGSimpleDataSource dataSource;

    private ScratchDatabase(String adminUrl, String host, int port, String user, String password, String name) {
        this.adminUrl = adminUrl;
        this.user = user;
        this.password = password;
        this.name = name;
        this.dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {host});
        dataSource.setPortNumbers(new int[] {port});
        dataSource.setDatabaseName(name);
        dataSource.setUser(user);
        dataSource.setPassword(password);
    }

    /** Creates the database and applies every migration, as the server does at start-up. */
    static ScratchDatabase create(String prefix) throws SQLException {
        URI server = URI.create(System.getProperty("it.db.url", "jdbc:postgresql://127.0.0.1:5432/monitoring_test")
                .substring("jdbc:".length()));
        int port = server.getPort() < 0 ? 5432 : server.getPort();
        String adminUrl = "jdbc:postgresql://" + server.getHost() + ":" + port + "/postgres";
        String name = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        ScratchDatabase database = new ScratchDatabase(adminUrl, server.getHost(), port,
                System.getProperty("it.db.user", "postgres"), System.getProperty("it.db.password", ""), name);
        database.admin("CREATE DATABASE " + name);
        Flyway.configure(ScratchDatabase.class.getClassLoader())
                .dataSource(database.dataSource)
                .locations("classpath:db/common", "classpath:db/postgresql")
                .table("schema_history")
                .load()
                .migrate();
        return database;
    }

    DataSource dataSource() {
        return dataSource;
    }

    /** Runs statements against the scratch database, for fixtures. */
    void execute(String... statements) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        admin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private void admin(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(adminUrl, user, password);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

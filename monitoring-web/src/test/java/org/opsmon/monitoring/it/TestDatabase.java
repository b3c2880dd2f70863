package org.opsmon.monitoring.it;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Creates the integration-test database on the PostgreSQL server if it does not exist yet, so
 * the test command needs nothing but a running PostgreSQL. Registered before Arquillian so the
 * database is there when the deployment migrates its schema.
 */
public class TestDatabase implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) throws SQLException {
        String url = System.getProperty("it.db.url");
        URI uri = URI.create(url.substring("jdbc:".length()));
        String name = uri.getPath().substring(1);
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("Unusual test database name: " + name);
        }
        String admin = "jdbc:postgresql://" + uri.getHost() + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + "/postgres";
        try (Connection c = DriverManager.getConnection(admin, System.getProperty("it.db.user"),
                System.getProperty("it.db.password", ""));
             PreparedStatement exists = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet row = exists.executeQuery()) {
                if (row.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        }
    }
}

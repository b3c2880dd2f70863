package org.opsmon.monitoring.platform.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigValue;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.eclipse.microprofile.config.spi.Converter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opsmon.monitoring.platform.control.ConfiguredDataSource.DatabaseSettings;

class ConfiguredDataSourceTest {

    @RegisterExtension
    static final FreshDatabase DATABASE = new FreshDatabase();

    static final String SECRET = "mysql -u root --password=hunter2-secret";

    /** Just enough of MicroProfile Config (an API interface, not ours) for DatabaseSettings.from. */
    record MapConfig(Map<String, String> values) implements Config {

        @Override
        public <T> Optional<T> getOptionalValue(String name, Class<T> type) {
            return Optional.ofNullable(values.get(name)).map(type::cast);
        }

        @Override
        public <T> T getValue(String name, Class<T> type) {
            return getOptionalValue(name, type).orElseThrow(() -> new NoSuchElementException(name));
        }

        @Override
        public ConfigValue getConfigValue(String name) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<String> getPropertyNames() {
            return values.keySet();
        }

        @Override
        public Iterable<ConfigSource> getConfigSources() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> Optional<Converter<T>> getConverter(Class<T> type) {
            return Optional.empty();
        }

        @Override
        public <T> T unwrap(Class<T> type) {
            throw new IllegalArgumentException();
        }
    }

    @TempDir
    Path temp;

    @Test
    void configuredUrlWithCredentials() {
        DatabaseSettings settings = DatabaseSettings.from(new MapConfig(Map.of(
                "monitoring.db.url", "  jdbc:postgresql://db:5432/monitoring ",
                "monitoring.db.user", "mon",
                "monitoring.db.password", "s3cret")));
        assertEquals(new DatabaseSettings("jdbc:postgresql://db:5432/monitoring", "mon", "s3cret"), settings);
        assertFalse(settings.embedded());
    }

    @Test
    void configuredUrlWithoutCredentials() {
        DatabaseSettings settings = DatabaseSettings.from(new MapConfig(Map.of("monitoring.db.url", "jdbc:postgresql:mon")));
        assertNull(settings.user());
        assertNull(settings.password());
    }

    @Test
    void noUrlMeansAnEmbeddedH2FileInTheDataDirectory() throws Exception {
        Path dir = temp.resolve("nested/data");
        DatabaseSettings settings = DatabaseSettings.from(new MapConfig(Map.of(
                "monitoring.db.url", " ", "monitoring.data.dir", dir.toString())));
        assertEquals("jdbc:h2:file:" + dir.toAbsolutePath().normalize().resolve("monitoring")
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", settings.url());
        assertEquals("sa", settings.user());
        assertEquals("", settings.password());
        assertTrue(settings.embedded());
        assertTrue(Files.isDirectory(dir));
    }

    @Test
    void safeUrlDropsTheQuery() {
        DatabaseSettings settings = new DatabaseSettings(
                "jdbc:postgresql://db:5432/monitoring?user=mon&password=s3cret&ssl=true", null, null);
        assertEquals("jdbc:postgresql://db:5432/monitoring", settings.safeUrl());
        assertEquals("DatabaseSettings[jdbc:postgresql://db:5432/monitoring]", settings.toString());
    }

    @Test
    void toStringNeverShowsThePassword() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:postgresql:mon", "mon", "s3cret");
        assertFalse(settings.toString().contains("s3cret"));
        assertFalse(settings.toString().contains("mon\""));
    }

    @Test
    void safeUrlHidesAnH2Password() {
        DatabaseSettings settings = new DatabaseSettings("jdbc:h2:file:/var/lib/mon/db;USER=sa;PASSWORD=s3cret",
                null, null);
        assertFalse(settings.safeUrl().contains("s3cret"), settings.safeUrl());
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
    }

    /** Every message of a failed batch of two clients named {@code name}: the second violates the unique name. */
    static List<String> messagesOfFailedBatch(javax.sql.DataSource dataSource, String name) throws SQLException {
        List<String> messages = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO client (id, name, kind, registered_at) VALUES (nextval('client_seq'), ?, 'agent', "
                             + "CURRENT_TIMESTAMP)")) {
            for (int i = 0; i < 2; i++) {
                insert.setString(1, name);
                insert.addBatch();
            }
            insert.executeBatch();
        } catch (SQLException failed) {
            for (Throwable t = failed; t != null; t = t.getCause()) {
                messages.add(t.getMessage());
                if (t instanceof SQLException sql && sql.getNextException() != null) {
                    messages.add(sql.getNextException().getMessage());
                }
            }
        }
        return messages;
    }

    @Test
    void valuesOfAFailedStatementStayOutOfExceptionMessages() throws SQLException {
        List<String> plain = messagesOfFailedBatch(DATABASE.dataSource(), SECRET + " 1");
        assertTrue(plain.stream().anyMatch(m -> m.contains(SECRET)), "a plain connection leaks it: " + plain);

        ConfiguredDataSource configured = new ConfiguredDataSource(
                new DatabaseSettings(DATABASE.url(), DATABASE.user(), DATABASE.password()));
        List<String> messages = messagesOfFailedBatch(configured, SECRET + " 2");
        assertFalse(messages.isEmpty(), "the batch failed");
        assertTrue(messages.stream().anyMatch(m -> m.contains("client")), "still says what failed: " + messages);
        assertTrue(messages.stream().noneMatch(m -> m.contains(SECRET)), messages.toString());
    }
}

package org.opsmon.monitoring.platform.control;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.ServiceLoader;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The application's one datasource class, declared in web.xml and pooled by the container.
 * It reads MONITORING_DB_URL/USER/PASSWORD through MicroProfile Config when a connection is
 * made, so the same WAR runs on the embedded H2 default or on PostgreSQL without a rebuild and
 * without server-specific placeholder syntax. PostgreSQL connections are made with
 * {@code logServerErrorDetail=false}: otherwise the driver copies the values bound to a failed
 * statement (command lines, user names) into its exception messages, and from there into logs.
 */
public class ConfiguredDataSource implements DataSource {

    /** Drivers shipped in the WAR, tried by name first: service files are not always visible. */
    private static final List<String> KNOWN_DRIVERS = List.of("org.postgresql.Driver", "org.h2.Driver");
    private static final String POSTGRESQL = "jdbc:postgresql:";

    /**
     * The name PostgreSQL shows for this server's connections (pg_stat_activity), so the server
     * can count its own pool there; the process id tells two servers on one database apart. A
     * URL that sets ApplicationName itself wins.
     */
    public static final String APPLICATION_NAME = "opsmon-monitoring " + ProcessHandle.current().pid();

    private volatile DatabaseSettings settings;
    private volatile Driver driver;
    private PrintWriter logWriter;
    private int loginTimeout;

    public ConfiguredDataSource() {
    }

    /** Settings given rather than read from configuration. */
    ConfiguredDataSource(DatabaseSettings settings) {
        this.settings = settings;
    }

    @Override
    public Connection getConnection() throws SQLException {
        DatabaseSettings current = settings();
        Properties properties = new Properties();
        if (current.user() != null) {
            properties.setProperty("user", current.user());
        }
        if (current.password() != null) {
            properties.setProperty("password", current.password());
        }
        if (current.url().startsWith(POSTGRESQL)) {
            properties.setProperty("logServerErrorDetail", "false");
            properties.setProperty("ApplicationName", APPLICATION_NAME);
        }
        Connection connection = driver(current.url()).connect(current.url(), properties);
        if (connection == null) {
            throw new SQLException("No JDBC driver accepts the configured database URL " + current.safeUrl());
        }
        return connection;
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        return getConnection();
    }

    private DatabaseSettings settings() {
        DatabaseSettings current = settings;
        if (current == null) {
            current = DatabaseSettings.from(ConfigProvider.getConfig(ConfiguredDataSource.class.getClassLoader()));
            settings = current;
        }
        return current;
    }

    private Driver driver(String url) throws SQLException {
        Driver current = driver;
        if (current != null) {
            return current;
        }
        // The container may load this class through a loader other than the application's, so
        // both it and the thread's context loader (the application's during a request) are asked.
        List<ClassLoader> loaders = new ArrayList<>();
        loaders.add(ConfiguredDataSource.class.getClassLoader());
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            loaders.add(context);
        }
        for (ClassLoader loader : loaders) {
            for (String name : KNOWN_DRIVERS) {
                try {
                    Driver candidate = (Driver) Class.forName(name, true, loader).getDeclaredConstructor().newInstance();
                    if (candidate.acceptsURL(url)) {
                        driver = candidate;
                        return candidate;
                    }
                } catch (ReflectiveOperationException | LinkageError notHere) {
                    // Try the next driver or loader.
                }
            }
            for (Driver candidate : ServiceLoader.load(Driver.class, loader)) {
                if (candidate.acceptsURL(url)) {
                    driver = candidate;
                    return candidate;
                }
            }
        }
        throw new SQLException("No JDBC driver in the application accepts " + settings().safeUrl());
    }

    @Override
    public PrintWriter getLogWriter() {
        return logWriter;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
        this.logWriter = out;
    }

    @Override
    public void setLoginTimeout(int seconds) {
        this.loginTimeout = seconds;
    }

    @Override
    public int getLoginTimeout() {
        return loginTimeout;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException("java.util.logging is not used by this datasource");
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new SQLException("Not a wrapper for " + type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) {
        return type.isInstance(this);
    }

    /** Connection settings resolved from configuration; the password never leaves this record. */
    public record DatabaseSettings(String url, String user, String password) {

        static DatabaseSettings from(Config config) {
            String url = config.getOptionalValue("monitoring.db.url", String.class).orElse(null);
            if (url == null || url.isBlank()) {
                return embedded(config);
            }
            return new DatabaseSettings(url.trim(),
                    config.getOptionalValue("monitoring.db.user", String.class).orElse(null),
                    config.getOptionalValue("monitoring.db.password", String.class).orElse(null));
        }

        private static DatabaseSettings embedded(Config config) {
            Path dir = Path.of(config.getOptionalValue("monitoring.data.dir", String.class).orElse("data"))
                    .toAbsolutePath().normalize();
            try {
                Files.createDirectories(dir);
            } catch (java.io.IOException e) {
                throw new IllegalStateException("Cannot create the data directory " + dir, e);
            }
            String url = "jdbc:h2:file:" + dir.resolve("monitoring")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
            return new DatabaseSettings(url, "sa", "");
        }

        public boolean embedded() {
            return url.startsWith("jdbc:h2:");
        }

        /** The URL without anything that could be a credential. */
        public String safeUrl() {
            int query = url.indexOf('?');
            String base = query < 0 ? url : url.substring(0, query);
            return base.replaceAll("(?i)(password|user)=[^;&]*", "$1=***");
        }

        @Override
        public String toString() {
            return "DatabaseSettings[" + safeUrl() + "]";
        }
    }
}

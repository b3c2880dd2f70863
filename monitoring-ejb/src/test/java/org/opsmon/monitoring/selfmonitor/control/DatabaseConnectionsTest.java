package org.opsmon.monitoring.selfmonitor.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.platform.control.ConfiguredDataSource;
import org.opsmon.monitoring.platform.control.FreshDatabase;
import org.opsmon.monitoring.selfmonitor.entity.ConnectionCount;
import org.postgresql.ds.PGSimpleDataSource;

/** Counting the server's own connections as each database sees them. */
class DatabaseConnectionsTest {

    @RegisterExtension
    static final FreshDatabase DATABASE = new FreshDatabase();

    @Test
    void embeddedH2CountsEverySessionAndThoseInATransaction() throws Exception {
        String url = "jdbc:h2:mem:connections" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
        try (Connection asking = DriverManager.getConnection(url, "sa", "");
             Connection idle = DriverManager.getConnection(url, "sa", "");
             Connection writing = DriverManager.getConnection(url, "sa", "")) {
            try (Statement ddl = idle.createStatement()) {
                ddl.execute("CREATE TABLE t (x INT)");
            }
            assertEquals(new ConnectionCount(0, 3), DatabaseConnections.count(asking));
            writing.setAutoCommit(false);
            try (Statement insert = writing.createStatement()) {
                insert.executeUpdate("INSERT INTO t VALUES (1)");
            }
            assertEquals(new ConnectionCount(1, 3), DatabaseConnections.count(asking));
            writing.rollback();
        }
    }

    @Test
    void postgresqlCountsTheConnectionsNamedLikeTheAskingOne() throws Exception {
        String url = ((PGSimpleDataSource) DATABASE.dataSource()).getURL();
        Properties ours = new Properties();
        ours.setProperty("user", System.getProperty("it.db.user", "postgres"));
        ours.setProperty("password", System.getProperty("it.db.password", ""));
        Properties foreign = (Properties) ours.clone();
        ours.setProperty("ApplicationName", ConfiguredDataSource.APPLICATION_NAME);
        try (Connection asking = DriverManager.getConnection(url, ours);
             Connection idle = DriverManager.getConnection(url, ours);
             Connection inTransaction = DriverManager.getConnection(url, ours);
             Connection someoneElse = DriverManager.getConnection(url, foreign)) {
            inTransaction.setAutoCommit(false);
            try (Statement select = inTransaction.createStatement()) {
                select.execute("SELECT 1");
            }
            someoneElse.setAutoCommit(false);
            try (Statement select = someoneElse.createStatement()) {
                select.execute("SELECT 1");
            }
            assertEquals(new ConnectionCount(1, 3), DatabaseConnections.count(asking));
            inTransaction.rollback();
            someoneElse.rollback();
            assertEquals(new ConnectionCount(0, 3), DatabaseConnections.count(idle));
        }
    }
}

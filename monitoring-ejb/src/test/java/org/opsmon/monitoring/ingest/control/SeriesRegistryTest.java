package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.clients.entity.ClientRemoved;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.platform.control.AfterCommit;
import org.opsmon.monitoring.platform.control.FreshDatabase;

class SeriesRegistryTest {

    @RegisterExtension
    static final FreshDatabase DATABASE = new FreshDatabase();

    static final SeriesKey CPU = SeriesKey.of("processor.usage_percent");
    static final SeriesKey ROOT_USED = SeriesKey.of("disk.used", "path", "/");
    static final SeriesKey RECV = SeriesKey.of("network.bytes_recv", "interface", "eth0");

    static SeriesRegistry registry() {
        SeriesRegistry registry = new SeriesRegistry();
        registry.afterCommit = new AfterCommit();
        return registry;
    }

    static Map<SeriesKey, Long> ids(SeriesRegistry registry, long clientId, SeriesKey... keys) throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            return registry.idsFor(connection, clientId, List.of(keys));
        }
    }

    @Test
    void createsMissingSeriesOnceWithCanonicalLabels() throws SQLException {
        long client = DATABASE.client("create");
        SeriesRegistry registry = registry();
        Map<SeriesKey, Long> first = ids(registry, client, CPU, ROOT_USED);
        assertEquals(2, DATABASE.number("SELECT COUNT(*) FROM series WHERE client_id = ?", client));
        assertEquals("{\"path\":\"/\"}", DATABASE.value("SELECT labels FROM series WHERE id = ?", first.get(ROOT_USED)));
        assertEquals("disk.used", DATABASE.value("SELECT metric FROM series WHERE id = ?", first.get(ROOT_USED)));

        Map<SeriesKey, Long> again = ids(registry, client, ROOT_USED, CPU, RECV);
        assertEquals(first.get(CPU), again.get(CPU));
        assertEquals(first.get(ROOT_USED), again.get(ROOT_USED));
        assertEquals(3, DATABASE.number("SELECT COUNT(*) FROM series WHERE client_id = ?", client));
    }

    @Test
    void aRestartedServerFindsTheSeriesItCreatedBefore() throws SQLException {
        long client = DATABASE.client("restart");
        Map<SeriesKey, Long> before = ids(registry(), client, CPU, RECV);
        assertEquals(before, ids(registry(), client, CPU, RECV));
        assertEquals(2, DATABASE.number("SELECT COUNT(*) FROM series WHERE client_id = ?", client));
    }

    @Test
    void anotherServerCreatingTheSameSeriesMeanwhileGetsTheSameId() throws SQLException {
        long client = DATABASE.client("race");
        SeriesRegistry mine = registry();
        SeriesRegistry theirs = registry();
        ids(mine, client, CPU);
        ids(theirs, client, CPU);
        long created = ids(theirs, client, RECV).get(RECV);
        assertEquals(created, ids(mine, client, RECV).get(RECV), "mine did not know it yet and tried to create it");
        assertEquals(2, DATABASE.number("SELECT COUNT(*) FROM series WHERE client_id = ?", client));
    }

    @Test
    void knownSeriesAreAnsweredFromMemoryUntilTheirClientIsRemoved() throws SQLException {
        long client = DATABASE.client("cached");
        SeriesRegistry registry = registry();
        long id = ids(registry, client, CPU).get(CPU);
        DATABASE.update("DELETE FROM series WHERE client_id = ?", client);
        assertEquals(id, ids(registry, client, CPU).get(CPU), "from memory");
        assertEquals(0, DATABASE.number("SELECT COUNT(*) FROM series WHERE client_id = ?", client));

        registry.forget(new ClientRemoved(client, "cached"));
        long recreated = ids(registry, client, CPU).get(CPU);
        assertNotEquals(id, recreated);
        assertEquals(recreated, DATABASE.number("SELECT id FROM series WHERE client_id = ?", client));
    }

    @Test
    void clientsHaveSeriesOfTheirOwn() throws SQLException {
        long one = DATABASE.client("one");
        long other = DATABASE.client("other");
        SeriesRegistry registry = registry();
        assertNotEquals(ids(registry, one, CPU).get(CPU), ids(registry, other, CPU).get(CPU));
    }
}

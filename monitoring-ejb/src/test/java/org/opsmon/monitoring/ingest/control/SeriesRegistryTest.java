package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.clients.entity.ClientRemoved;
import org.opsmon.monitoring.ingest.entity.SeriesDrops;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.SeriesLimits;
import org.opsmon.monitoring.ingest.entity.SeriesUsage;
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
        registry.dataSource = DATABASE.dataSource();
        return registry;
    }

    static SeriesRegistry limited(int perClient, int newPerMinute, int labels, int labelLength) {
        SeriesRegistry registry = registry();
        registry.limits = new SeriesLimits(perClient, newPerMinute, labels, labelLength);
        return registry;
    }

    static SeriesRegistry.Resolved resolve(SeriesRegistry registry, long clientId, SeriesKey... keys)
            throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            return registry.idsFor(connection, clientId, "host-" + clientId, List.of(keys));
        }
    }

    static SeriesKey iface(int n) {
        return SeriesKey.of("network.bytes_recv", "interface", "veth" + n);
    }

    static long stored(long clientId) throws SQLException {
        return DATABASE.number("SELECT COUNT(*) FROM series WHERE client_id = ?", clientId);
    }

    static Map<SeriesKey, Long> ids(SeriesRegistry registry, long clientId, SeriesKey... keys) throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            return registry.idsFor(connection, clientId, "host-" + clientId, List.of(keys)).ids();
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

    @Test
    void beyondTheLimitPerClientNewSeriesAreDroppedAndExistingOnesStillResolve() throws SQLException {
        long client = DATABASE.client("full");
        SeriesRegistry registry = limited(3, 100, 8, 256);
        Map<SeriesKey, Long> before = ids(registry, client, CPU, ROOT_USED);

        SeriesRegistry.Resolved flood = resolve(registry, client, CPU, iface(1), iface(2), ROOT_USED, iface(3));
        assertEquals(Map.of(CPU, before.get(CPU), ROOT_USED, before.get(ROOT_USED), iface(1), flood.ids().get(iface(1))),
                flood.ids(), "the third series fits, the others are dropped");
        SeriesDrops drops = flood.drops();
        assertEquals(2, drops.count());
        assertEquals("series_limit", drops.limit());
        assertTrue(drops.message().contains("at most 3 series per client"), drops.message());
        assertTrue(drops.message().contains("MONITORING_SERIES_MAX_PER_CLIENT"), drops.message());
        assertEquals(3, stored(client));
        assertEquals(new SeriesUsage(3, 2), registry.usage(List.of(client)).get(client));

        DATABASE.update("DELETE FROM series WHERE client_id = ?", client);
        assertEquals(1, resolve(registry, client, iface(4)).drops().count(), "counted in memory, not in the database");
        assertEquals(SeriesDrops.NONE, resolve(registry, client, CPU, iface(1)).drops());
    }

    @Test
    void newSeriesPerMinuteAreLimitedAndTheNextMinuteAdmitsMore() throws SQLException {
        long client = DATABASE.client("churn");
        SeriesRegistry registry = limited(100, 2, 8, 256);
        Instant minute = Instant.parse("2026-03-01T10:00:05Z");
        registry.clock = Clock.fixed(minute, ZoneOffset.UTC);

        SeriesRegistry.Resolved first = resolve(registry, client, iface(1), iface(2), iface(3));
        assertEquals(2, first.ids().size());
        assertEquals("new_series_limit", first.drops().limit());
        assertEquals(1, resolve(registry, client, iface(3)).drops().count(), "still the same minute");
        assertEquals(2, resolve(registry, client, iface(1), iface(2)).ids().size(), "known series are never limited");

        registry.clock = Clock.fixed(minute.plus(Duration.ofMinutes(1)), ZoneOffset.UTC);
        assertEquals(SeriesDrops.NONE, resolve(registry, client, iface(3)).drops());
        assertEquals(3, stored(client));
        assertEquals(new SeriesUsage(3, 2), registry.usage(List.of(client)).get(client));
    }

    @Test
    void labelsBeyondTheConfiguredCountOrLengthAreRefusedForNewSeriesOnly() throws SQLException {
        long client = DATABASE.client("labels");
        SeriesKey longName = SeriesKey.of("disk.used", "path", "/srv/" + "x".repeat(40));
        SeriesKey twoLabels = new SeriesKey("if.in_bps", Map.of("if_name", "ge-0/0/1", "vlan", "7"));
        long existing = ids(registry(), client, longName).get(longName);

        SeriesRegistry registry = limited(100, 100, 1, 20);
        assertEquals("label_limit", resolve(registry, client, twoLabels).drops().limit());
        SeriesRegistry.Resolved resolved = resolve(registry, client, longName,
                SeriesKey.of("disk.used", "path", "/" + "y".repeat(20)), ROOT_USED);
        assertEquals("label_value_limit", resolved.drops().limit());
        assertEquals(1, resolved.drops().count());
        assertEquals(existing, resolved.ids().get(longName), "created before the limit was lowered: still stored");
        assertTrue(resolved.ids().containsKey(ROOT_USED));
        assertEquals(2, stored(client));
    }

    @Test
    void aRemovedClientsPlacesAndCountersAreReleased() throws SQLException {
        long client = DATABASE.client("released");
        SeriesRegistry registry = limited(2, 100, 8, 256);
        resolve(registry, client, CPU, ROOT_USED, RECV);
        assertEquals(new SeriesUsage(2, 1), registry.usage(List.of(client)).get(client));

        DATABASE.update("DELETE FROM series WHERE client_id = ?", client);
        registry.forget(new ClientRemoved(client, "released"));
        assertEquals(new SeriesUsage(0, 0), registry.usage(List.of(client)).get(client), "nothing kept in memory");
        assertEquals(SeriesDrops.NONE, resolve(registry, client, RECV, CPU).drops(), "its places are free again");
    }
}

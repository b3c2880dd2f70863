package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.ingest.entity.CounterWidth;
import org.opsmon.monitoring.ingest.entity.IngestResult;
import org.opsmon.monitoring.ingest.entity.SamplesIngested;
import org.opsmon.monitoring.ingest.entity.SeriesDrops;
import org.opsmon.monitoring.ingest.entity.SeriesLimits;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.ingest.entity.StoredSample;
import org.opsmon.monitoring.platform.control.AfterCommit;
import org.opsmon.monitoring.platform.control.FreshDatabase;
import org.opsmon.monitoring.platform.entity.Jsons;

/** One request at a time, each in a transaction of its own as the container runs it. */
class IngestionTest {

    @RegisterExtension
    static final FreshDatabase DATABASE = new FreshDatabase();

    static final SeriesKey RECV = SeriesKey.of("network.bytes_recv", "interface", "eth0");
    static final SeriesKey RECV_RATE = SeriesKey.of("network.bytes_recv_per_s", "interface", "eth0");
    static final SeriesKey OCTETS = SeriesKey.of("if.in_octets", "if_name", "ge-0/0/1");
    static final long BOOT = 1_700_000_000L;

    final RecordedEvents<SamplesIngested> events = new RecordedEvents<>();
    final Ingestion ingestion = new Ingestion();
    final SnapshotParser parser = new SnapshotParser();
    final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600);

    IngestionTest() {
        AfterCommit afterCommit = new AfterCommit();
        ingestion.sequences = new SnapshotSequences();
        ingestion.series = new SeriesRegistry();
        ingestion.series.afterCommit = afterCommit;
        ingestion.rates = new CounterRates();
        ingestion.samples = new SampleWriter();
        ingestion.commands = new CommandWriter();
        ingestion.clients = new ClientRegistry();
        ingestion.afterCommit = afterCommit;
        ingestion.ingested = events;
    }

    IngestResult ingest(long clientId, Snapshot... snapshots) throws SQLException {
        try (Connection connection = DATABASE.connect()) {
            connection.setAutoCommit(false);
            IngestResult result = ingestion.store(connection, clientId, "host-" + clientId, List.of(snapshots));
            connection.commit();
            return result;
        }
    }

    /** A small agent snapshot: one disk, one interface's counters, the boot time, one command. */
    Snapshot agent(long offset, long seq, long bytesRecv, long bootTime) {
        return parser.parse(("""
                {'timestamp': %d, 'seq': %d, 'processor': {'usage_percent': 12.5},
                 'disk': [{'path': '/', 'total': 1000, 'used': 250}],
                 'network': [{'interface': 'eth0', 'bytes_recv': %d}],
                 'system': {'boot_time': %d, 'hostname': 'web-01'},
                 'commands': [{'user': 'alice', 'command': 'uptime', 'pid': 42, 'source': 'history'}]}
                """.formatted(t0.getEpochSecond() + offset, seq, bytesRecv, bootTime))
                .replace('\'', '"').getBytes(StandardCharsets.UTF_8)).get(0);
    }

    Object stored(long clientId, SeriesKey key, long offset) throws SQLException {
        return DATABASE.value("SELECT s.val FROM sample s JOIN series r ON r.id = s.series_id WHERE r.client_id = ? "
                + "AND r.metric = ? AND r.labels = ? AND s.ts = ?", clientId, key.metric(), key.labelsJson(),
                t0.plusSeconds(offset));
    }

    long samplesAt(long clientId, long offset) throws SQLException {
        return DATABASE.number("SELECT COUNT(*) FROM sample s JOIN series r ON r.id = s.series_id "
                + "WHERE r.client_id = ? AND s.ts = ?", clientId, t0.plusSeconds(offset));
    }

    static Map<SeriesKey, Double> values(SamplesIngested event) {
        return event.samples().stream().collect(Collectors.toMap(StoredSample::key, StoredSample::value));
    }

    @Test
    void storesWhatWasSentWhatIsDerivedAndRatesAndAnnouncesEachSnapshot() throws SQLException {
        long client = DATABASE.client("announced");
        IngestResult first = ingest(client, agent(0, 1, 1000, BOOT));
        IngestResult second = ingest(client, agent(10, 2, 6000, BOOT));

        assertEquals(new IngestResult(1, 0, 8, List.of(1L)), first, "5 sent, storage used, total and percentage");
        assertEquals(9, second.samples(), "and now the rate");
        assertEquals(second.samples(), samplesAt(client, 10));
        assertEquals(500.0, stored(client, RECV_RATE, 10));
        assertEquals(6000.0, stored(client, RECV, 10));
        assertEquals(25.0, stored(client, SeriesNames.STORAGE_PERCENTAGE, 10));

        assertEquals(2, events.fired.size());
        SamplesIngested event = events.fired.get(1);
        assertEquals(client, event.clientId());
        assertEquals("host-" + client, event.source());
        assertEquals(t0.plusSeconds(10), event.time());
        assertEquals(Map.of(SeriesNames.CPU_USAGE, 12.5, SeriesKey.of("disk.total", "path", "/"), 1000.0,
                SeriesKey.of("disk.used", "path", "/"), 250.0, RECV, 6000.0, RECV_RATE, 500.0,
                SeriesNames.BOOT_TIME, (double) BOOT, SeriesNames.STORAGE_USED, 250.0,
                SeriesNames.STORAGE_TOTAL, 1000.0, SeriesNames.STORAGE_PERCENTAGE, 25.0), values(event));
        assertEquals(Map.of("system.hostname", "web-01"), event.texts());
    }

    @Test
    void newSeriesBeyondTheClientsLimitAreDroppedWithTheirRatesWhileExistingOnesStore() throws SQLException {
        long client = DATABASE.client("flooding");
        ingestion.series.limits = new SeriesLimits(10, 100, 8, 256);
        assertEquals(SeriesDrops.NONE, ingest(client, agent(0, 1, 1000, BOOT)).drops(), "9 series");

        Snapshot more = parser.parse(("{'timestamp': %d, 'seq': 2, 'system': {'boot_time': %d}, 'network': ["
                + "{'interface': 'eth0', 'bytes_recv': 2000}, {'interface': 'eth1', 'bytes_recv': 10},"
                + "{'interface': 'eth2', 'bytes_recv': 20}]}").formatted(t0.getEpochSecond() + 10, BOOT)
                .replace('\'', '"').getBytes(StandardCharsets.UTF_8)).get(0);
        IngestResult result = ingest(client, more);
        assertEquals(3, result.drops().count(), "eth1's rate, eth2 and its rate");
        assertEquals("series_limit", result.drops().limit());
        assertEquals(4, result.samples(), "boot time, eth0, its rate, eth1");
        assertEquals(100.0, stored(client, RECV_RATE, 10));
        assertEquals(10.0, stored(client, SeriesKey.of("network.bytes_recv", "interface", "eth1"), 10));
        assertEquals(10, DATABASE.number("SELECT COUNT(*) FROM series WHERE client_id = ?", client));
        assertEquals(Map.of(SeriesNames.BOOT_TIME, (double) BOOT, RECV, 2000.0, RECV_RATE, 100.0,
                SeriesKey.of("network.bytes_recv", "interface", "eth1"), 10.0), values(events.fired.get(1)),
                "observers see only what was stored");
    }

    @Test
    void aRequestIsStoredInTimeOrderSoEachRateSeesTheReadingBeforeIt() throws SQLException {
        long client = DATABASE.client("backlog");
        ingest(client, agent(20, 3, 3000, BOOT), agent(10, 2, 2000, BOOT), agent(0, 1, 1000, BOOT));
        assertEquals(100.0, stored(client, RECV_RATE, 10));
        assertEquals(100.0, stored(client, RECV_RATE, 20));
        assertEquals(List.of(t0, t0.plusSeconds(10), t0.plusSeconds(20)),
                events.fired.stream().map(SamplesIngested::time).toList());
    }

    @Test
    void resentSequenceNumbersAreCountedAndNeitherStoredNorAnnouncedAgain() throws SQLException {
        long client = DATABASE.client("resent");
        IngestResult twice = ingest(client, agent(0, 7, 1000, BOOT), agent(0, 7, 1000, BOOT));
        assertEquals(1, twice.accepted());
        assertEquals(1, twice.duplicates());
        assertEquals(List.of(7L, 7L), twice.seqs());

        IngestResult again = ingest(client, agent(0, 7, 1000, BOOT));
        assertEquals(new IngestResult(0, 1, 0, List.of(7L)), again);
        assertEquals(1, events.fired.size());
        assertEquals(1, DATABASE.number("SELECT COUNT(*) FROM command_event WHERE client_id = ?", client));
        assertEquals(1, DATABASE.number("SELECT COUNT(*) FROM ingested_snapshot WHERE client_id = ?", client));
    }

    @Test
    void aRebootGivesNoRateForItsSnapshot() throws SQLException {
        long client = DATABASE.client("rebooted");
        ingest(client, agent(0, 1, 1_000_000, BOOT));
        ingest(client, agent(10, 2, 5000, BOOT + 86_400));
        ingest(client, agent(20, 3, 15_000, BOOT + 86_400));
        assertEquals(null, stored(client, RECV_RATE, 10));
        assertEquals(1000.0, stored(client, RECV_RATE, 20));
    }

    @Test
    void aPollersTypedSnapshotsNeedNoJsonAndTheirThirtyTwoBitCountersWrap() throws SQLException {
        long client = DATABASE.client("switch-1");
        ingest(client, Readings.at(t0).counter(OCTETS, 4294967000.0, CounterWidth.BITS_32)
                .text("system.name", "switch-1").build());
        ingest(client, Readings.at(t0.plusSeconds(10)).counter(OCTETS, 200, CounterWidth.BITS_32)
                .gauge(SeriesKey.of("if.oper_status", "if_name", "ge-0/0/1"), 1)
                .text("system.name", "switch-1").build());
        assertEquals(49.6, (Double) stored(client, SeriesNames.rateOf(OCTETS), 10), 1e-9);

        JsonObject latest = Jsons.reader(new StringReader((String) DATABASE.value(
                "SELECT latest_snapshot FROM client WHERE id = ?", client))).readObject();
        assertEquals("switch-1", latest.getJsonObject("system").getString("name"));
        assertEquals(200, latest.getJsonArray("if").getJsonObject(0).getInt("in_octets"));
    }

    @Test
    void theClientsMarksFollowItsNewestSnapshotAndSpan() throws SQLException {
        long client = DATABASE.client("marks");
        Instant before = Instant.now().minusSeconds(1);
        ingest(client, agent(10, 2, 2000, BOOT));
        ingest(client, agent(0, 1, 1000, BOOT));

        JsonObject latest = Jsons.reader(new StringReader((String) DATABASE.value(
                "SELECT latest_snapshot FROM client WHERE id = ?", client))).readObject();
        assertEquals(2, latest.getInt("seq"), "a late older snapshot does not replace the newest");
        assertEquals(t0.plusSeconds(10), instant("latest_snapshot_at", client));
        assertEquals(t0, instant("first_sample_at", client));
        assertEquals(t0.plusSeconds(10), instant("last_sample_at", client));
        assertTrue(instant("last_seen", client).isAfter(before));
    }

    @Test
    void commandsAreStoredWithTheirOrigin() throws SQLException {
        long client = DATABASE.client("commands");
        ingest(client, agent(0, 1, 1000, BOOT));
        assertEquals("alice uptime 42 history", DATABASE.value("SELECT username || ' ' || command || ' ' || pid || ' ' "
                + "|| origin FROM command_event WHERE client_id = ?", client));
        assertEquals(t0, DATABASE.instant("SELECT started_at FROM command_event WHERE client_id = ?", client),
                "no started_at: the snapshot's time");
    }

    Instant instant(String column, long clientId) throws SQLException {
        return DATABASE.instant("SELECT " + column + " FROM client WHERE id = ?", clientId);
    }
}

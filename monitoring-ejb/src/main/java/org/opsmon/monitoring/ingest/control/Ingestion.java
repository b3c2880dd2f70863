package org.opsmon.monitoring.ingest.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.ingest.entity.IngestResult;
import org.opsmon.monitoring.ingest.entity.SamplesIngested;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.ingest.entity.StoredSample;
import org.opsmon.monitoring.platform.control.AfterCommit;
import org.opsmon.monitoring.platform.control.EventThreads;

/**
 * The one way into the sample store, for typed snapshots from any source: agents (parsed by
 * {@link SnapshotParser}), the self-sampler and SNMP polling (built with {@link Readings}).
 * One transaction per call, one step per line of {@link #store}: claim sequence numbers, resolve
 * series, derive sums, percentages and rates, write samples and commands, move the client's
 * marks; once committed, announce each stored snapshot as {@link SamplesIngested}. New series
 * beyond the client's limits are dropped with their samples and reported in the result; the
 * request still succeeds, so a source does not send them again and again.
 */
@ApplicationScoped
public class Ingestion {

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    @Inject
    SnapshotSequences sequences;

    @Inject
    SeriesRegistry series;

    @Inject
    CounterRates rates;

    @Inject
    SampleWriter samples;

    @Inject
    CommandWriter commands;

    @Inject
    ClientRegistry clients;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Event<SamplesIngested> ingested;

    @Inject
    EventThreads eventThreads;

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    /** Stores the snapshots of one client, all or nothing; re-sent ones are counted, not stored. */
    @Transactional
    public IngestResult ingest(Client client, List<Snapshot> snapshots) {
        try (Connection connection = dataSource.getConnection()) {
            return store(connection, client.id(), client.name(), snapshots);
        } catch (SQLException e) {
            throw new IllegalStateException("Storing samples of " + client.name() + " failed: " + e.getMessage(), e);
        }
    }

    IngestResult store(Connection connection, long clientId, String source, List<Snapshot> snapshots)
            throws SQLException {
        Instant receivedAt = Instant.now();
        SnapshotSequences.Claim claim = sequences.claim(connection, clientId, snapshots, receivedAt);
        List<Snapshot> fresh = claim.fresh();
        if (fresh.isEmpty()) {
            return new IngestResult(0, claim.duplicates(), 0, claim.seqs());
        }
        DerivedSeries derived = new DerivedSeries(fresh, rates.batch(connection, clientId));
        SeriesRegistry.Resolved resolved = series.idsFor(connection, clientId, source, derived.keys());
        Map<SeriesKey, Long> ids = resolved.ids();
        List<SampleWriter.Row> rows = new ArrayList<>();
        List<SamplesIngested> events = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            Snapshot snapshot = fresh.get(i);
            List<StoredSample> stored = derived.samples(i, ids);
            for (StoredSample sample : stored) {
                rows.add(new SampleWriter.Row(ids.get(sample.key()), snapshot.time(), sample.value()));
            }
            events.add(new SamplesIngested(clientId, source, snapshot.time(), stored, snapshot.texts()));
        }
        int written = samples.write(connection, rows);
        commands.write(connection, clientId, fresh);
        Snapshot newest = fresh.get(fresh.size() - 1);
        clients.recordSamples(connection, clientId, receivedAt, fresh.get(0).time(), newest.time(),
                newest.json().toString());
        afterCommit.run(() -> {
            derived.publish();
            events.forEach(this::announce);
        });
        return new IngestResult(fresh.size(), claim.duplicates(), written, claim.seqs(), resolved.drops(),
                derived.discardedRates());
    }

    /** On the event threads of their own; built outside the container (unit tests), on the default ones. */
    private void announce(SamplesIngested event) {
        if (eventThreads == null) {
            ingested.fireAsync(event);
        } else {
            ingested.fireAsync(event, eventThreads.options());
        }
    }
}

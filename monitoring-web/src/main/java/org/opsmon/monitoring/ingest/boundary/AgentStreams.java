package org.opsmon.monitoring.ingest.boundary;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The open agent streams: who may open one (at most {@code monitoring.stream.max.per.client} per
 * client, {@code monitoring.stream.max} in all), and one scheduled sweep for all of them every
 * {@code monitoring.stream.token.recheck} seconds. The sweep ends a stream whose token no longer
 * resolves to the stream's own client (revoked, expired, account or client deleted) even when
 * the agent sends nothing, and closes a connection that answered neither frames nor pings for
 * three intervals, so a dead peer does not hold one of its client's places for good.
 */
@ApplicationScoped
public class AgentStreams {

    static final String MAX = "monitoring.stream.max";
    static final int DEFAULT_MAX = 10_000;
    private static final Logger LOG = Logger.getLogger(AgentStreams.class.getName());
    private static final int SILENT_INTERVALS = 3;

    @Inject
    @ConfigProperty(name = "monitoring.stream.token.recheck", defaultValue = "60")
    long recheckSeconds;

    @Inject
    @ConfigProperty(name = "monitoring.stream.max.per.client", defaultValue = "2")
    int maxPerClient;

    @Inject
    @ConfigProperty(name = MAX, defaultValue = "" + DEFAULT_MAX)
    int maxStreams;

    @Inject
    StreamEntitlement entitlement;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final Map<String, AgentStream> bySession = new ConcurrentHashMap<>();
    /** Guarded by this. */
    private final Map<Long, Integer> perClient = new HashMap<>();
    /** Guarded by this. */
    private ScheduledFuture<?> sweep;

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    /** Registers the stream, or says which limit refuses it. */
    synchronized Optional<StreamError> admit(AgentStream stream) {
        if (bySession.size() >= maxStreams) {
            return Optional.of(StreamError.of("streams_at_capacity", "The server already serves " + maxStreams
                    + " agent streams (monitoring.stream.max); send over HTTP and try the stream later", null));
        }
        long clientId = stream.client().id();
        int open = perClient.getOrDefault(clientId, 0);
        if (open >= maxPerClient) {
            return Optional.of(StreamError.of("too_many_streams", "Client '" + stream.client().name()
                    + "' already has " + open + " open streams, the most one client may hold"
                    + " (monitoring.stream.max.per.client = " + maxPerClient + ")", null));
        }
        perClient.put(clientId, open + 1);
        bySession.put(stream.session().getId(), stream);
        if (sweep == null) {
            long every = Math.max(1, recheckSeconds);
            sweep = scheduler.scheduleWithFixedDelay(this::sweep, every, every, TimeUnit.SECONDS);
        }
        return Optional.empty();
    }

    AgentStream of(Session session) {
        return bySession.get(session.getId());
    }

    /** Forgets the session's stream and frees its client's place; safe to call more than once. */
    synchronized void release(Session session) {
        AgentStream stream = bySession.remove(session.getId());
        if (stream != null) {
            perClient.computeIfPresent(stream.client().id(), (id, open) -> open > 1 ? open - 1 : null);
        }
    }

    /**
     * Ends a revoked stream unless a frame is being handled; that frame's handler calls this again
     * once it let go of the lock, so one of the two always ends it.
     */
    void endIfRevoked(AgentStream stream) {
        if (stream.revoked() && stream.tryLock()) {
            try {
                stream.end(StreamError.of("invalid_token", "The token expired or was revoked, or its client was "
                        + "deleted; reconnect with a new one", null), CloseReason.CloseCodes.VIOLATED_POLICY,
                        "token expired or revoked");
            } finally {
                stream.unlock();
            }
            release(stream.session());
        }
    }

    void sweep() {
        long now = System.nanoTime();
        long silentLimit = TimeUnit.SECONDS.toNanos(Math.max(1, recheckSeconds) * SILENT_INTERVALS);
        int failed = 0;
        RuntimeException lastFailure = null;
        for (AgentStream stream : List.copyOf(bySession.values())) {
            try {
                check(stream, now, silentLimit);
            } catch (RuntimeException e) {
                failed++;
                lastFailure = e;
            }
        }
        if (failed > 0) {
            // One line per sweep, not per stream: with the database down every check fails alike.
            LOG.log(Level.WARNING, "Re-checking " + failed + " agent streams failed; they stay open until the next "
                    + "re-check", lastFailure);
        }
    }

    private void check(AgentStream stream, long now, long silentLimit) {
        if (!stream.session().isOpen()) {
            release(stream.session());
            return;
        }
        if (!entitlement.holds(stream.token(), stream.username(), stream.client().id())) {
            stream.revoke();
            endIfRevoked(stream);
            return;
        }
        long silent = stream.silentNanos(now);
        if (silent < TimeUnit.SECONDS.toNanos(Math.max(1, recheckSeconds)) || !stream.tryLock()) {
            return; // heard from lately, or a frame is being handled right now
        }
        try {
            if (silent > silentLimit) {
                stream.end(StreamError.of("no_answer", "No frame and no pong for " + silentLimit / 1_000_000_000L
                        + " s (three re-check intervals); reconnect", null), CloseReason.CloseCodes.GOING_AWAY,
                        "no answer to pings");
                release(stream.session());
            } else {
                stream.ping();
            }
        } catch (IOException | IllegalStateException gone) {
            release(stream.session());
        } finally {
            stream.unlock();
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (sweep != null) {
            sweep.cancel(false);
        }
    }
}

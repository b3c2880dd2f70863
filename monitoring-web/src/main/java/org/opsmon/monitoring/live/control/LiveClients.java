package org.opsmon.monitoring.live.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The open live sessions, their subscriptions, and the two sweeps that watch them. Admission is
 * bounded by {@code monitoring.live.max.clients}; a broadcast frame is encoded once, and only
 * when someone receives its source, then handed to each recipient's queue without waiting on any
 * socket. One sweep, several times per send timeout, pings every client each
 * {@code monitoring.live.ping.interval.ms} and drops those whose write in flight, or whose oldest
 * unanswered ping, is older than
 * {@code monitoring.live.send.timeout.ms} (see {@link LiveClient} for why pings); the other, every
 * {@code monitoring.live.token.recheck} seconds, ends sessions whose credential stopped
 * qualifying. Closing runs on an executor of its own, so even a close frame that cannot be
 * written does not hold up a broadcast or a sweep.
 */
@ApplicationScoped
public class LiveClients {

    public static final String MAX_CLIENTS = "monitoring.live.max.clients";
    public static final int DEFAULT_MAX_CLIENTS = 1000;
    private static final Logger LOG = Logger.getLogger(LiveClients.class.getName());
    /** The shortest pause between two send-timeout checks, so a tiny timeout cannot spin the sweep. */
    private static final long MIN_WATCH_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

    @Inject
    @ConfigProperty(name = MAX_CLIENTS, defaultValue = "" + DEFAULT_MAX_CLIENTS)
    int maxClients;

    @Inject
    @ConfigProperty(name = "monitoring.live.queue.frames", defaultValue = "128")
    int queueFrames;

    @Inject
    @ConfigProperty(name = "monitoring.live.writes.max", defaultValue = "256")
    int maxWrites;

    private volatile WriteBudget<LiveClient> budget;

    @Inject
    @ConfigProperty(name = "monitoring.live.send.timeout.ms", defaultValue = "1000")
    long sendTimeoutMillis;

    @Inject
    @ConfigProperty(name = "monitoring.live.ping.interval.ms", defaultValue = "5000")
    long pingIntervalMillis;

    @Inject
    @ConfigProperty(name = "monitoring.live.max.frame", defaultValue = "4096")
    int maxRequestBytes;

    @Inject
    @ConfigProperty(name = "monitoring.live.max.sources", defaultValue = "1000")
    int maxSources;

    @Inject
    @ConfigProperty(name = "monitoring.live.token.recheck", defaultValue = "60")
    long recheckSeconds;

    @Inject
    LiveEntitlement entitlement;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Resource
    ManagedExecutorService closer;

    private final Map<String, LiveClient> bySession = new ConcurrentHashMap<>();
    private final Audience<LiveClient> audience = new Audience<>();
    private final AtomicLong dropped = new AtomicLong();
    private final Instant serverStart = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    private final String serverVersion = serverVersion();
    /** Guarded by this. */
    private ScheduledFuture<?> watch;
    /** Guarded by this. */
    private ScheduledFuture<?> recheck;

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    /**
     * Registers the session, subscribed to every source, and greets it; or says why it is refused
     * (the close reason, which names the limit).
     */
    public Optional<String> admit(Session session, LiveCredential credential) {
        LiveClient client;
        synchronized (this) {
            if (bySession.size() >= maxClients) {
                return Optional.of("live clients at capacity: " + MAX_CLIENTS + " = " + maxClients);
            }
            client = new LiveClient(session, credential, Math.max(1, queueFrames), Math.max(1, maxRequestBytes), this,
                    budget());
            bySession.put(session.getId(), client);
            startSweeps();
        }
        client.send(LiveFrames.CONNECTED); // first, before any broadcast can reach the client
        audience.listen(client, null);
        return Optional.empty();
    }

    /** Forgets the session; safe to call more than once. */
    public void release(Session session) {
        LiveClient client = bySession.remove(session.getId());
        if (client != null) {
            client.queue().close();
            audience.leave(client);
        }
    }

    /** Handles one part of a text message from the session: answers the request once it is whole. */
    public void receive(Session session, String part, boolean last) {
        LiveClient client = bySession.get(session.getId());
        if (client == null) {
            return; // refused at open or already dropped: the close frame is on its way
        }
        LiveRequest request;
        try {
            String text = client.request(part, last);
            if (text == null) {
                return;
            }
            request = LiveRequest.parse(text, Math.max(1, maxSources));
        } catch (LiveRequest.Invalid | RequestText.TooLarge refused) {
            client.send(LiveFrames.invalid(refused.getMessage()));
            return;
        }
        if (request instanceof LiveRequest.Ping) {
            client.send(LiveFrames.pong(Instant.now()));
        } else if (request instanceof LiveRequest.GetStatus) {
            client.send(LiveFrames.status(bySession.size(), serverStart, serverVersion, dropped.get()));
        } else if (request instanceof LiveRequest.Subscribe subscribe) {
            audience.listen(client, subscribe.sources());
            if (bySession.get(session.getId()) != client) {
                audience.leave(client); // dropped meanwhile: it must not stay in the index
            }
            client.send(LiveFrames.subscribed(subscribe.sources()));
        } else {
            audience.leave(client);
            client.send(LiveFrames.UNSUBSCRIBED);
        }
    }

    /** A binary message: the live view takes JSON text only. */
    public void receiveBinary(Session session, int bytes) {
        LiveClient client = bySession.get(session.getId());
        if (client != null) {
            client.send(LiveFrames.invalid("The live view takes JSON text frames only; a binary frame of " + bytes
                    + " bytes was ignored"));
        }
    }

    /** Sends a frame of {@code source} to everyone who receives it, encoding it only if someone does. */
    public void broadcast(String source, Supplier<String> frame) {
        if (!audience.anyoneFor(source)) {
            return;
        }
        String text = frame.get();
        audience.forEachOf(source, client -> client.send(text));
    }

    public int connected() {
        return bySession.size();
    }

    /** A client that fell behind: dropped so that it holds nobody else up. */
    /** The server-wide write budget, made on first use from its setting. */
    WriteBudget<LiveClient> budget() {
        WriteBudget<LiveClient> made = budget;
        if (made == null) {
            synchronized (this) {
                made = budget;
                if (made == null) {
                    made = new WriteBudget<>(Math.max(1, maxWrites), LiveClient::resume);
                    budget = made;
                }
            }
        }
        return made;
    }

    void tooSlow(LiveClient client, String reason) {
        if (end(client, CloseReason.CloseCodes.VIOLATED_POLICY, reason)) {
            dropped.incrementAndGet();
            LOG.log(Level.INFO, "Dropped a live client of {0}: {1}", new Object[] {client.credential().username(), reason});
        }
    }

    /** A write failed: the connection is gone. */
    void gone(LiveClient client) {
        end(client, CloseReason.CloseCodes.CLOSED_ABNORMALLY, "connection lost");
    }

    /** Forgets the client and closes its session in the background; true for the call that ended it. */
    private boolean end(LiveClient client, CloseReason.CloseCode code, String reason) {
        client.queue().close();
        client.ended();
        if (bySession.remove(client.session().getId(), client)) {
            audience.leave(client);
            closer.execute(() -> close(client.session(), code, reason));
            return true;
        }
        return false;
    }

    /** Closes a session the server refuses at open, telling it why. */
    public static void close(Session session, CloseReason.CloseCode code, String reason) {
        try {
            if (session.isOpen()) {
                // 1006 may not be sent on the wire; a lost connection is closed as "going away".
                session.close(new CloseReason(code == CloseReason.CloseCodes.CLOSED_ABNORMALLY
                        ? CloseReason.CloseCodes.GOING_AWAY : code, reason));
            }
        } catch (IOException | IllegalStateException gone) {
            // The client disconnected first; there is no one left to tell.
        }
    }

    private void startSweeps() {
        if (watch == null) {
            long every = Math.max(MIN_WATCH_NANOS, TimeUnit.MILLISECONDS.toNanos(Math.max(1, sendTimeoutMillis)) / 4);
            watch = scheduler.scheduleWithFixedDelay(this::dropStalled, every, every, TimeUnit.NANOSECONDS);
            long recheckEvery = Math.max(1, recheckSeconds);
            recheck = scheduler.scheduleWithFixedDelay(this::recheck, recheckEvery, recheckEvery, TimeUnit.SECONDS);
        }
    }

    /**
     * Drops clients whose write in flight is older than the send timeout or who left a ping
     * unanswered that long, and pings the others every ping interval. Each pong costs the
     * container about as much as a frame, so the interval is seconds, not the timeout's fraction.
     */
    void dropStalled() {
        long now = System.nanoTime();
        long timeout = TimeUnit.MILLISECONDS.toNanos(Math.max(1, sendTimeoutMillis));
        for (LiveClient client : bySession.values()) {
            if (client.queue().stalled(now, timeout)) {
                tooSlow(client, "too slow: a frame took over " + sendTimeoutMillis
                        + " ms to send (monitoring.live.send.timeout.ms)");
            } else if (client.lagging(now, timeout)) {
                tooSlow(client, "too slow: a ping went unanswered for " + sendTimeoutMillis
                        + " ms (monitoring.live.send.timeout.ms)");
            } else {
                client.pingIfDue(now, TimeUnit.MILLISECONDS.toNanos(Math.max(1, pingIntervalMillis)));
            }
        }
    }

    /** A pong from the session: the client has read everything sent before the ping it answers. */
    public void pong(Session session, ByteBuffer payload) {
        LiveClient client = bySession.get(session.getId());
        if (client != null) {
            client.pong(payload);
        }
    }

    void recheck() {
        int failed = 0;
        RuntimeException lastFailure = null;
        for (LiveClient client : List.copyOf(bySession.values())) {
            try {
                if (!client.session().isOpen()) {
                    release(client.session());
                } else if (!entitlement.holds(client.credential())) {
                    end(client, CloseReason.CloseCodes.VIOLATED_POLICY,
                            "credential expired or revoked; reconnect with a new one");
                }
            } catch (RuntimeException e) {
                failed++;
                lastFailure = e;
            }
        }
        if (failed > 0) {
            // One line per sweep, not per client: with the database down every check fails alike.
            LOG.log(Level.WARNING, "Re-checking " + failed + " live clients failed; they stay open until the next "
                    + "re-check", lastFailure);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (watch != null) {
            watch.cancel(false);
            recheck.cancel(false);
        }
    }

    /** The version of the deployed build, as Maven recorded it in the domain module's jar. */
    static String serverVersion() {
        try (InputStream in = LiveClients.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.opsmon/monitoring-ejb/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException unreadable) {
            // said below
        }
        return "unknown";
    }
}

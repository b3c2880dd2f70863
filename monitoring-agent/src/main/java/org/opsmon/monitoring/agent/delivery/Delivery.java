package org.opsmon.monitoring.agent.delivery;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opsmon.monitoring.agent.spool.Spool;

/**
 * Drains the spool to the server on its own thread, so collection never waits for the network.
 * WebSocket is preferred; while it is down, HTTP batches carry the data and the WebSocket is
 * retried on a backoff schedule. Every failure path ends in a jittered exponential backoff
 * (1 s up to 60 s); only a 403 stops the agent, because it means this account may never write
 * here and no amount of retrying fixes that.
 */
public final class Delivery implements Runnable {

    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());
    private static final long IDLE_WAIT_MILLIS = 1_000;

    private final Spool spool;
    private final TokenClient tokens;
    private final HttpClient http;
    private final URI server;
    private final Transport transport;
    private final Consumer<String> fatal;
    private final DeadLetters deadLetters;
    private final HttpBatchSender batches;
    private final Backoff backoff;
    private final Backoff websocketBackoff;

    private WebSocketStream stream;
    private long nextWebSocketAttempt;
    private volatile boolean running = true;
    private Thread thread;
    private boolean degradedLogged;

    /**
     * @param fatal     called once with a reason when delivery can never succeed
     */
    public Delivery(Spool spool, TokenClient tokens, HttpClient http, URI server, Transport transport,
                    DeadLetters deadLetters, Consumer<String> fatal, Backoff backoff) {
        this.spool = spool;
        this.tokens = tokens;
        this.http = http;
        this.server = server;
        this.transport = transport;
        this.fatal = fatal;
        this.deadLetters = deadLetters;
        this.backoff = backoff;
        this.websocketBackoff = new Backoff(1_000, 60_000);
        this.batches = new HttpBatchSender(http, server, spool, deadLetters);
    }

    public synchronized void start() {
        thread = new Thread(this, "delivery");
        thread.setDaemon(true);
        thread.start();
    }

    public void stop() throws InterruptedException {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t != null) {
            t.interrupt();
            t.join(5_000);
        }
        WebSocketStream s = stream;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public void run() {
        while (running) {
            String token = null;
            try {
                token = tokens.bearer();
                step(token);
            } catch (InterruptedException e) {
                return;
            } catch (CredentialsRejectedException e) {
                LOG.severe(e.getMessage() + "; retrying");
                pause(backoff.nextDelayMillis());
            } catch (ServerResponseException e) {
                if (e.status() == 401) {
                    LOG.info("server answered 401, renewing the token");
                    tokens.invalidate(token);
                    pause(backoff.nextDelayMillis());
                } else if (e.status() == 403) {
                    LOG.severe(e.getMessage() + ": this account may not write metrics for client '" + tokens.clientId()
                            + "' (check username / client id)");
                    fatal.accept("server forbids this agent to send metrics (HTTP 403)");
                    return;
                } else if (e.status() == 429 && e.retryAfterMillis() >= 0) {
                    LOG.info(() -> "server is throttling; waiting " + e.retryAfterMillis() / 1000 + " s");
                    pause(Math.min(e.retryAfterMillis(), 300_000));
                } else {
                    retryLater(e);
                }
            } catch (IOException | RuntimeException e) {
                retryLater(e);
            }
        }
    }

    private void retryLater(Exception e) {
        long delay = backoff.nextDelayMillis();
        if (!degradedLogged) {
            LOG.warning(() -> "delivery failed (" + describe(e) + "); " + spool.pending()
                    + " snapshots kept in the spool, retrying with backoff");
            degradedLogged = true;
        } else {
            LOG.fine(() -> "delivery failed again (" + describe(e) + "), next try in " + delay + " ms");
        }
        pause(delay);
    }

    private static String describe(Exception e) {
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private void step(String token) throws IOException, InterruptedException {
        if (transport != Transport.HTTP && stream == null && System.currentTimeMillis() >= nextWebSocketAttempt) {
            try {
                stream = WebSocketStream.open(http, server, token, spool, deadLetters);
                LOG.info("streaming snapshots over WebSocket " + WebSocketStream.endpoint(server));
            } catch (ServerResponseException e) {
                nextWebSocketAttempt = System.currentTimeMillis() + websocketBackoff.nextDelayMillis();
                if (e.status() == 401 || transport == Transport.WEBSOCKET) {
                    throw e;
                }
                LOG.fine(() -> "WebSocket unavailable (" + e.getMessage() + "), using HTTP");
            } catch (IOException e) {
                nextWebSocketAttempt = System.currentTimeMillis() + websocketBackoff.nextDelayMillis();
                if (transport == Transport.WEBSOCKET) {
                    throw e;
                }
                LOG.fine(() -> "WebSocket unavailable (" + e.getMessage() + "), using HTTP");
            }
        }
        if (stream != null) {
            if (stream.pump(IDLE_WAIT_MILLIS)) {
                // Only a stream that stored something resets the reconnect backoff: one the server
                // accepts and at once closes (too many streams of this client) is retried ever
                // more slowly, with HTTP carrying the data meanwhile.
                if (stream.delivered()) {
                    websocketBackoff.reset();
                }
                recovered();
                return;
            }
            String why = stream.closeReason();
            stream = null;
            nextWebSocketAttempt = System.currentTimeMillis() + websocketBackoff.nextDelayMillis();
            LOG.warning(() -> "WebSocket stream ended: " + why + "; unacknowledged snapshots stay spooled");
            return;
        }
        if (transport == Transport.WEBSOCKET) {
            pause(Math.max(0, nextWebSocketAttempt - System.currentTimeMillis()));
            return;
        }
        int sent = batches.sendNext(token, tokens.clientId());
        recovered();
        if (sent == 0) {
            spool.flush();
            spool.awaitAfter(spool.lastId() == Long.MIN_VALUE ? Long.MIN_VALUE : spool.cursor(), IDLE_WAIT_MILLIS);
        }
    }

    private void recovered() {
        backoff.reset();
        if (degradedLogged) {
            LOG.info("delivery recovered");
            degradedLogged = false;
        }
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
        }
    }

    /** True while snapshots flow over WebSocket rather than HTTP (for tests and the log). */
    public boolean streaming() {
        WebSocketStream s = stream;
        return s != null && s.isOpen();
    }
}

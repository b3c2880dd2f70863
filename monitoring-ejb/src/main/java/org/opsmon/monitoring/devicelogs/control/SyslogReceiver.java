package org.opsmon.monitoring.devicelogs.control;

import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opsmon.monitoring.devicelogs.control.DeviceLogCounters.Outcome;

/**
 * Listens for syslog on one port over UDP (one message per datagram) and TCP (RFC 6587 framing,
 * see {@link SyslogFrames}). Every resource is bounded: a datagram or frame above
 * {@code maxMessage} bytes is dropped, at most {@code maxConnections} TCP connections are served
 * (one thread each; more are closed at once), and a connection silent for {@code idle} is
 * closed. Each drop is counted. A failure on one connection never reaches the others.
 */
public final class SyslogReceiver implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SyslogReceiver.class.getName());
    private static final int READ_BUFFER = 8192;
    /** Room for bursts while the receiving thread hands messages over. */
    private static final int UDP_RECEIVE_BUFFER = 1 << 20;

    /** Where and how to listen; port 0 takes a free port (tests). */
    public record Settings(String bind, int port, int maxMessage, int maxConnections, Duration idle) {
    }

    private final Settings settings;
    private final ThreadFactory threads;
    private final DeviceLogIntake intake;
    private final DeviceLogCounters counters;
    private final Semaphore connectionSlots;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private DatagramSocket udp;
    private ServerSocket tcp;
    private volatile boolean closed;

    public SyslogReceiver(Settings settings, ThreadFactory threads, DeviceLogIntake intake, DeviceLogCounters counters) {
        this.settings = settings;
        this.threads = threads;
        this.intake = intake;
        this.counters = counters;
        this.connectionSlots = new Semaphore(settings.maxConnections());
    }

    /**
     * Binds both sockets (UDP first, then TCP on the same port) and starts their threads. With
     * port 0 the system picks a free UDP port, which TCP may hold already (an outgoing connection's
     * local port): then another one is tried.
     */
    public void start() throws IOException {
        InetAddress bind = InetAddress.getByName(settings.bind());
        int tries = settings.port() == 0 ? 20 : 1;
        for (int attempt = 1; ; attempt++) {
            udp = new DatagramSocket(null);
            udp.setReceiveBufferSize(UDP_RECEIVE_BUFFER);
            udp.bind(new InetSocketAddress(bind, settings.port()));
            tcp = new ServerSocket();
            tcp.setReuseAddress(true);
            try {
                tcp.bind(new InetSocketAddress(bind, udp.getLocalPort()), 64);
                break;
            } catch (IOException e) {
                udp.close();
                tcp.close();
                if (attempt >= tries) {
                    throw e;
                }
            }
        }
        start("syslog-udp", this::receiveDatagrams);
        start("syslog-tcp", this::acceptConnections);
    }

    public int port() {
        return udp.getLocalPort();
    }

    private void start(String name, Runnable loop) {
        Thread thread = threads.newThread(loop);
        thread.setName(name + "-" + port());
        thread.setDaemon(true);
        thread.start();
    }

    private void receiveDatagrams() {
        // One byte more than allowed tells an oversized datagram from one of exactly the limit.
        byte[] buffer = new byte[Math.min(settings.maxMessage() + 1, 65_536)];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!closed) {
            try {
                packet.setLength(buffer.length);
                udp.receive(packet);
                if (packet.getLength() > settings.maxMessage()) {
                    counters.add(Outcome.SYSLOG_RECEIVED);
                    counters.add(Outcome.SYSLOG_TOO_LARGE);
                    continue;
                }
                intake.syslog(Arrays.copyOf(buffer, packet.getLength()), packet.getAddress());
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "Syslog UDP receive failed; going on", e);
                }
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "A syslog datagram could not be handled; going on", e);
            }
        }
    }

    private void acceptConnections() {
        while (!closed) {
            Socket socket;
            try {
                socket = tcp.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.log(Level.WARNING, "Syslog TCP accept failed; going on", e);
                }
                continue;
            }
            if (!connectionSlots.tryAcquire()) {
                counters.add(Outcome.SYSLOG_CONNECTIONS_REFUSED);
                closeQuietly(socket);
                continue;
            }
            connections.add(socket);
            try {
                Thread reader = threads.newThread(() -> serve(socket));
                reader.setName("syslog-tcp-" + socket.getRemoteSocketAddress());
                reader.setDaemon(true);
                reader.start();
            } catch (RuntimeException e) {
                connections.remove(socket);
                connectionSlots.release();
                closeQuietly(socket);
                LOG.log(Level.WARNING, "No thread for a syslog connection", e);
            }
        }
    }

    private void serve(Socket socket) {
        InetAddress sender = socket.getInetAddress();
        SyslogFrames frames = new SyslogFrames(settings.maxMessage());
        SyslogFrames.Sink sink = new SyslogFrames.Sink() {
            @Override
            public void message(byte[] message) {
                intake.syslog(message, sender);
            }

            @Override
            public void tooLarge() {
                counters.add(Outcome.SYSLOG_RECEIVED);
                counters.add(Outcome.SYSLOG_TOO_LARGE);
            }
        };
        try (socket; InputStream in = socket.getInputStream()) {
            socket.setSoTimeout((int) Math.min(Integer.MAX_VALUE, settings.idle().toMillis()));
            byte[] buffer = new byte[READ_BUFFER];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (!frames.feed(buffer, 0, read, sink)) {
                    counters.add(Outcome.SYSLOG_FRAMING_ERRORS);
                    return;
                }
            }
            frames.end(sink);
        } catch (SocketTimeoutException e) {
            counters.add(Outcome.SYSLOG_CONNECTIONS_IDLE_CLOSED);
        } catch (SocketException e) {
            // Reset by the peer or closed at shutdown: the connection is over.
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.FINE, "A syslog connection ended with an error", e);
        } finally {
            connections.remove(socket);
            connectionSlots.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (udp != null) {
            udp.close();
        }
        if (tcp != null) {
            try {
                tcp.close();
            } catch (IOException e) {
                // Closing at shutdown: nothing more to do.
            }
        }
        connections.forEach(SyslogReceiver::closeQuietly);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already going away.
        }
    }
}

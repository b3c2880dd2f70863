package org.opsmon.monitoring.devicelogs.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.opsmon.monitoring.devicelogs.control.DeviceLogCounters.Outcome;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventType;
import org.opsmon.monitoring.devicelogs.entity.EventSeverity;
import org.opsmon.monitoring.devicelogs.entity.NewDeviceEvent;
import org.opsmon.monitoring.platform.control.FreshDatabase;

/** The syslog receiver on real sockets: 127.0.0.1 is a device, 127.0.0.2 is not. */
class SyslogReceiverTest {

    @RegisterExtension
    static final FreshDatabase DB = new FreshDatabase();
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static long device;
    private static final DeviceDirectory DIRECTORY = new DeviceDirectory();

    private final DeviceLogCounters counters = new DeviceLogCounters();
    private final List<NewDeviceEvent> events = new ArrayList<>();
    private DeviceLogIntake intake;
    private SyslogReceiver receiver;

    @BeforeAll
    static void devices() throws Exception {
        device = DeviceFixtures.device(DB, "syslog-switch", "127.0.0.1");
        try (Connection connection = DB.connect()) {
            DIRECTORY.refresh(connection);
        }
    }

    private void start(int maxMessage, int maxConnections, Duration idle, int rate) throws Exception {
        intake = new DeviceLogIntake(DIRECTORY, counters, new SenderRate(rate, 100), new SenderRate(rate, 100),
                new SyslogParser(ZoneOffset.UTC), 1000, Clock.systemUTC(), () -> { });
        receiver = new SyslogReceiver(new SyslogReceiver.Settings("127.0.0.1", 0, maxMessage, maxConnections, idle),
                Thread::new, intake, counters);
        receiver.start();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    /** Takes queued events until {@code n} have arrived. */
    private List<NewDeviceEvent> events(int n) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (events.size() < n && System.nanoTime() < deadline) {
            events.addAll(intake.take(n, 50));
        }
        assertEquals(n, events.size(), "events arrived");
        return events;
    }

    private void udp(String from, String message) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(from, 0))) {
            byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
            socket.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), receiver.port()));
        }
    }

    @Test
    void aDatagramFromADeviceBecomesAnEvent() throws Exception {
        start(2048, 4, WAIT, 0);
        udp("127.0.0.1", "<187>1 2026-11-27T10:00:00Z sw1 ifmgr 12 LINK - Interface ge-0/0/1 down");
        NewDeviceEvent event = events(1).get(0);
        assertEquals(device, event.clientId());
        assertEquals(DeviceEventType.SYSLOG, event.type());
        assertEquals(EventSeverity.ERROR, event.severity());
        assertEquals(23, event.facility());
        assertEquals("sw1", event.hostname());
        assertEquals("ifmgr", event.appName());
        assertEquals("127.0.0.1", event.sourceAddress());
        assertEquals("Interface ge-0/0/1 down", event.message());
    }

    @Test
    void unknownSendersMalformedAndOversizedDatagramsAreCountedNotQueued() throws Exception {
        start(100, 4, WAIT, 0);
        udp("127.0.0.2", "<13>Nov 27 10:00:00 host app: from a stranger");
        udp("127.0.0.1", "no priority at all");
        udp("127.0.0.1", "<13>Nov 27 10:00:00 host app: " + "x".repeat(200));
        udp("127.0.0.1", "<13>Nov 27 10:00:00 host app: fine");
        assertEquals("fine", events(1).get(0).message());
        DeviceFixtures.await("counters", WAIT, () -> counters.get(Outcome.SYSLOG_RECEIVED) == 4);
        assertEquals(1, counters.get(Outcome.SYSLOG_UNKNOWN_SENDER));
        assertEquals(1, counters.get(Outcome.SYSLOG_MALFORMED));
        assertEquals(1, counters.get(Outcome.SYSLOG_TOO_LARGE));
        assertTrue(intake.take(10, 100).isEmpty());
    }

    @Test
    void tcpWithOctetCountingAndLineFeeds() throws Exception {
        start(2048, 4, WAIT, 0);
        try (Socket socket = new Socket("127.0.0.1", receiver.port())) {
            OutputStream out = socket.getOutputStream();
            String counted = "<14>1 - h app - - - two\nlines";
            out.write((counted.length() + " " + counted + "<13>Nov 27 10:00:00 h app: lf framed\n\u0000junk\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<NewDeviceEvent> got = events(2);
            assertEquals("two\nlines", got.get(0).message().replace('\uFFFD', '\n'));
            assertEquals("lf framed", got.get(1).message());
        }
        DeviceFixtures.await("malformed counted", WAIT, () -> counters.get(Outcome.SYSLOG_MALFORMED) == 1);
    }

    @Test
    void connectionsAboveTheLimitAreClosedAndIdleOnesTimeOut() throws Exception {
        start(2048, 1, Duration.ofMillis(300), 0);
        try (Socket first = new Socket("127.0.0.1", receiver.port());
             Socket second = new Socket("127.0.0.1", receiver.port())) {
            InputStream in = second.getInputStream();
            second.setSoTimeout((int) WAIT.toMillis());
            assertEquals(-1, in.read(), "the second connection is closed");
            assertEquals(1, counters.get(Outcome.SYSLOG_CONNECTIONS_REFUSED));
            first.setSoTimeout((int) WAIT.toMillis());
            assertEquals(-1, first.getInputStream().read(), "the idle connection is closed");
            DeviceFixtures.await("idle counted", WAIT, () -> counters.get(Outcome.SYSLOG_CONNECTIONS_IDLE_CLOSED) == 1);
        }
        try (Socket again = new Socket("127.0.0.1", receiver.port())) {
            again.getOutputStream().write("<13>Nov 27 10:00:00 h app: slot freed\n".getBytes(StandardCharsets.UTF_8));
            assertEquals("slot freed", events(1).get(0).message());
        }
    }

    @Test
    void aBrokenOctetCountEndsOnlyThatConnection() throws Exception {
        start(2048, 4, WAIT, 0);
        try (Socket broken = new Socket("127.0.0.1", receiver.port())) {
            broken.getOutputStream().write("12x <13>".getBytes(StandardCharsets.UTF_8));
            broken.setSoTimeout((int) WAIT.toMillis());
            assertEquals(-1, broken.getInputStream().read());
        }
        assertEquals(1, counters.get(Outcome.SYSLOG_FRAMING_ERRORS));
        udp("127.0.0.1", "<13>Nov 27 10:00:00 h app: still listening");
        assertEquals("still listening", events(1).get(0).message());
    }

    @Test
    void aFloodingSenderIsRateLimited() throws Exception {
        start(2048, 4, WAIT, 5);
        try (Socket socket = new Socket("127.0.0.1", receiver.port())) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < 50; i++) {
                out.write(("<13>Nov 27 10:00:00 h app: n" + i + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
            DeviceFixtures.await("all counted", WAIT, () -> counters.get(Outcome.SYSLOG_RECEIVED) == 50);
        }
        long limited = counters.get(Outcome.SYSLOG_RATE_LIMITED);
        assertTrue(limited >= 40, "limited " + limited);
        events((int) (50 - limited));
    }
}

package org.opsmon.monitoring.it;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real SNMP agent for tests: Debian's net-snmp {@code snmpd} with the repository's
 * {@code .ci/snmpd.conf}, on a free loopback UDP port (never 161, where a system snmpd may
 * listen), its state under {@code target/}. Register it with {@code @RegisterExtension static};
 * {@link #stop()} and {@link #start()} take the device away and bring it back mid-test.
 * The credentials below are the ones the configuration file creates.
 */
public final class SnmpAgent implements BeforeAllCallback, AfterAllCallback {

    public static final String COMMUNITY = "public";
    /** An authPriv user: SHA-256 and AES-128. */
    public static final String PRIV_USER = "monitor";
    public static final String PRIV_AUTH_PASSWORD = "monitor-auth-pass";
    public static final String PRIV_PRIV_PASSWORD = "monitor-priv-pass";
    /** An authNoPriv user: SHA-512. */
    public static final String AUTH_USER = "auditor";
    public static final String AUTH_PASSWORD = "auditor-auth-pass";

    private static final Path CONFIG = locate(".ci/snmpd.conf");
    private static final Duration START_TIMEOUT = Duration.ofSeconds(15);

    private final int port;
    private final Path stateDir;
    private Process process;

    public SnmpAgent() {
        this.port = freeUdpPort();
        this.stateDir = Path.of("target", "snmpd-" + port).toAbsolutePath();
    }

    public int port() {
        return port;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** Starts snmpd and returns once it answers a v2c GET. */
    public synchronized void start() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            return;
        }
        Files.createDirectories(stateDir);
        ProcessBuilder builder = new ProcessBuilder("snmpd", "-f", "-Lo", "-C", "-c", CONFIG.toString(),
                "-p", stateDir.resolve("snmpd.pid").toString(), "udp:127.0.0.1:" + port)
                .redirectErrorStream(true).redirectOutput(stateDir.resolve("snmpd.log").toFile());
        builder.environment().put("SNMP_PERSISTENT_DIR", stateDir.toString());
        builder.environment().put("MIBS", "");
        process = builder.start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answers()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("snmpd exited with " + process.exitValue() + "; see "
                        + stateDir.resolve("snmpd.log"));
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("snmpd did not answer within " + START_TIMEOUT);
            }
            Thread.sleep(100);
        }
    }

    /** Stops snmpd (SIGTERM) and waits until it is gone: from then on requests go unanswered. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private boolean answers() throws IOException, InterruptedException {
        ProcessBuilder get = new ProcessBuilder(List.of("snmpget", "-v2c", "-c", COMMUNITY, "-t", "0.3", "-r", "0",
                "127.0.0.1:" + port, ".1.3.6.1.2.1.1.3.0")).redirectErrorStream(true);
        get.environment().put("MIBS", "");
        Process probe = get.start();
        probe.getInputStream().readAllBytes();
        return probe.waitFor(5, TimeUnit.SECONDS) && probe.exitValue() == 0;
    }

    private static int freeUdpPort() {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free UDP port", e);
        }
    }

    /** The file from the module directory (tests run there) or the repository root. */
    private static Path locate(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}

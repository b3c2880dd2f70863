package org.opsmon.monitoring.agent.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsmon.monitoring.agent.collect.Fields;
import org.opsmon.monitoring.agent.config.AgentSettings;
import org.opsmon.monitoring.agent.delivery.Transport;

class AgentCommandTest {

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {
    }

    static Result run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AgentCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    private Path emptyConfig() throws IOException {
        return Files.writeString(dir.resolve("agent.properties"), "");
    }

    @Test
    void onceRunPrintsOneSaneSnapshot() throws Exception {
        Result r = run("--once", "--config", emptyConfig().toString());
        assertEquals(0, r.code(), r.err());
        JsonObject s;
        try (JsonReader reader = Fields.JSON.createReader(new StringReader(r.out()))) {
            s = reader.readObject();
        }
        double ts = s.getJsonNumber("timestamp").doubleValue();
        assertTrue(Math.abs(ts - System.currentTimeMillis() / 1000.0) < 60);
        assertTrue(s.getJsonNumber("seq").longValue() > 0);
        JsonObject cpu = s.getJsonObject("processor");
        double usage = cpu.getJsonNumber("usage_percent").doubleValue();
        assertTrue(usage >= 0 && usage <= 100, "CPU usage is real because --once reads twice");
        assertEquals(Runtime.getRuntime().availableProcessors(), cpu.getJsonArray("per_core_usage").size());
        JsonObject mem = s.getJsonObject("memory");
        assertTrue(mem.getJsonNumber("total").longValue() > 0);
        assertTrue(s.getJsonArray("network").size() > 0);
        assertFalse(s.getJsonObject("system").getString("hostname").isEmpty());
        assertFalse(s.containsKey("gpu") && !Files.exists(Path.of("/dev/nvidiactl")));
        assertEquals(8, s.getJsonArray("collectors").size());
        s.getJsonArray("collectors").forEach(c -> assertTrue(c.asJsonObject().getBoolean("success"), c.toString()));
        assertFalse(r.out().contains("NaN") || r.out().contains("Infinity"));
    }

    @Test
    void badDurationIsAConfigurationError() {
        Result r = run("--once", "--interval", "ten seconds", "--config", dir.resolve("none").toString());
        assertEquals(2, r.code());
        Result r2 = run("--once", "--collector-interval", "filesystems=5x");
        assertEquals(2, r2.code());
        assertTrue(r2.err().contains("interval.filesystems"), r2.err());
    }

    @Test
    void badDurationInTheConfigFileNamesTheKey() throws IOException {
        Path cfg = Files.writeString(dir.resolve("a.properties"), "interval=fast\n");
        Result r = run("--once", "--config", cfg.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("interval") && r.err().contains("fast"), r.err());
    }

    @Test
    void unknownConfigKeyIsRejected() throws IOException {
        Path cfg = Files.writeString(dir.resolve("a.properties"), "server=http://x:8080\nintervall=10s\n");
        Result r = run("--once", "--config", cfg.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown key 'intervall'"), r.err());
    }

    @Test
    void missingExplicitConfigFileAndMissingCredentialsAreErrors() throws IOException {
        Result r = run("--config", dir.resolve("absent.properties").toString(), "--once");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("absent.properties"), r.err());
        Result r2 = run("--config", emptyConfig().toString(), "--server", "http://127.0.0.1:9");
        assertEquals(2, r2.code());
        assertTrue(r2.err().contains("username") && r2.err().contains("password"), r2.err());
    }

    @Test
    void unreachableServerAtStartExits3AndRejectedCredentialsExit4() throws IOException {
        int freePort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            freePort = s.getLocalPort();
        }
        Path cfg = Files.writeString(dir.resolve("a.properties"), "username=web01\nspool=" + dir.resolve("spool") + "\n");
        Result r = run(Map.of("MONITORING_AGENT_PASSWORD", "pw"), "--config", cfg.toString(),
                "--server", "http://127.0.0.1:" + freePort);
        assertEquals(3, r.code(), r.err());

        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/auth/token", ex -> {
            byte[] b = "{\"error\":\"invalid_grant\"}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(401, b.length);
            ex.getResponseBody().write(b);
            ex.close();
        });
        server.start();
        try {
            Result r2 = run(Map.of("MONITORING_AGENT_PASSWORD", "s3cret-pw"), "--config", cfg.toString(),
                    "--server", "http://127.0.0.1:" + server.getAddress().getPort());
            assertEquals(4, r2.code(), r2.err());
            assertFalse(r2.err().contains("s3cret-pw"));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void flagBeatsEnvironmentBeatsConfigFileBeatsDefault() throws IOException {
        Path cfg = Files.writeString(dir.resolve("a.properties"), String.join("\n",
                "password=from-file", "enrollment-secret=secret-from-file", "interval=5s", "service=yes",
                "spool-max-bytes=2M", "interval.filesystems=1m", "timeout.gpu=3s", "transport=HTTP", ""));
        AgentSettings s = AgentCommand.parse(Map.of(AgentSettings.PASSWORD_ENV, "from-env"),
                "--config", cfg.toString(), "--interval", "7s");
        assertEquals("from-env", s.password());
        assertEquals("secret-from-file", s.enrollmentSecret());
        assertEquals(Duration.ofSeconds(7), s.interval());
        assertEquals(Duration.ofSeconds(7), s.intervalOf("memory"), "fast collectors follow the interval");
        assertEquals(Duration.ofMinutes(1), s.intervalOf("filesystems"));
        assertEquals(Duration.ofSeconds(3), s.timeoutOf("gpu"));
        assertEquals(2L << 20, s.spoolMaxBytes());
        assertEquals(Transport.HTTP, s.transport());
        assertTrue(s.service());
        assertEquals(500, s.commandsCap(), "the built-in default");
        assertEquals(Duration.ofMinutes(10), s.intervalOf("probe"));

        AgentSettings flags = AgentCommand.parse(Map.of(AgentSettings.PASSWORD_ENV, "from-env"), "--config", cfg.toString(),
                "--password", "from-flag", "--collector-interval", "filesystems=0", "--wait-for-server");
        assertEquals("from-flag", flags.password());
        assertTrue(flags.intervalOf("filesystems").isZero(), "the flag disables what the file set");
        assertTrue(flags.service(), "the flag keeps what the file already says");

        AgentSettings defaults = AgentCommand.parse(Map.of(), "--config", emptyConfig().toString());
        assertEquals(Duration.ofSeconds(10), defaults.interval());
        assertEquals(Duration.ofSeconds(30), defaults.intervalOf("filesystems"));
        assertEquals(Duration.ofSeconds(10), defaults.timeoutOf("memory"));
        assertEquals(100L << 20, defaults.spoolMaxBytes());
        assertEquals(Transport.AUTO, defaults.transport());
        assertFalse(defaults.service());
        assertEquals(null, defaults.password());
    }

    @Test
    void olderSpellingWaitForServerIsAConfigKeyToo() throws IOException {
        Path cfg = Files.writeString(dir.resolve("a.properties"), "wait-for-server=true\n");
        assertTrue(AgentCommand.parse(Map.of(), "--config", cfg.toString()).service());
        Path bad = Files.writeString(dir.resolve("b.properties"), "service=maybe\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AgentCommand.parse(Map.of(), "--config", bad.toString()));
        assertTrue(e.getMessage().contains("service") && e.getMessage().contains("maybe"), e.getMessage());
    }

    @Test
    void helpListsTheOptions() {
        Result r = run("--help");
        assertEquals(0, r.code());
        for (String opt : new String[] {"--server", "--username", "--password", "--config", "--interval", "--spool", "--once",
                "--wait-for-server", "--probe-interval", "--spool-max-bytes", "Exit codes"}) {
            assertTrue(r.out().contains(opt), opt);
        }
    }

    @Test
    void helpShowsTheBuiltInDefaultsWhateverTheConfigFileSays() throws IOException {
        Path cfg = Files.writeString(dir.resolve("a.properties"), "interval=fast\nspool-max-bytes=7M\n");
        Result r = run("--config", cfg.toString(), "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("(default 100MiB)"), r.out());
        assertFalse(r.out().contains("7M"), r.out());
    }
}

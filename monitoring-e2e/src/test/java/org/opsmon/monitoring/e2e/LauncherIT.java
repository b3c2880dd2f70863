package org.opsmon.monitoring.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, payara-config/run.sh, as an operator meets it: it says where the
 * server is once it answers, keeps the embedded database across restarts, and refuses with a
 * non-zero exit and a sentence when it cannot start.
 */
class LauncherIT {

    static final Path ROOT = Path.of(System.getProperty("e2e.root"));
    static final Path WORK = Path.of(System.getProperty("e2e.work"), "launcher");

    Process launch(int port, Path dataDir, Map<String, String> extra, Path log) throws IOException {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "MONITORING_HTTP_PORT", String.valueOf(port),
                "MONITORING_SKIP_BUILD", "1",
                "MONITORING_DATA_DIR", dataDir.toString(),
                "MONITORING_ADMIN_PASSWORD", "launcher-admin-1",
                "MONITORING_START_TIMEOUT", "180"));
        env.putAll(extra);
        return Processes.start(List.of("bash", ROOT.resolve("payara-config/run.sh").toString()), env, log);
    }

    static String awaitLine(Path log, String text, Process process, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String content = Files.exists(log) ? Files.readString(log) : "";
            if (content.contains(text)) {
                return content;
            }
            if (!process.isAlive()) {
                throw new AssertionError("run.sh exited with " + process.exitValue() + " before printing '" + text + "':\n"
                        + tail(content));
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run.sh did not print '" + text + "' within " + timeout);
    }

    static String tail(String text) {
        return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
    }

    static void stop(Process launcher, int port) throws Exception {
        launcher.destroy();
        assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "run.sh stops on SIGTERM");
        for (int i = 0; i < 60 && listening(port); i++) {
            Thread.sleep(500);
        }
        assertFalse(listening(port), "stopping run.sh stops the server");
    }

    static boolean listening(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static int status(HttpRequest request) throws Exception {
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static String token(int port, String user, String password) throws Exception {
        HttpResponse<String> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&username=" + user + "&password=" + password))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, reply.statusCode(), reply.body());
        return reply.body().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    @Test
    void printsTheUrlAndKeepsTheEmbeddedDatabaseAcrossRestarts() throws Exception {
        Path data = WORK.resolve("data");
        Processes.deleteTree(data);
        int port = Processes.freePort();
        Path log = WORK.resolve("first.log");
        Files.deleteIfExists(log);
        // No MONITORING_ADMIN_PASSWORD on the first start: the generated password goes to a file
        // only the server's user can read, never into the log.
        Process first = launch(port, data, Map.of("MONITORING_ADMIN_PASSWORD", ""), log);
        try {
            String output = awaitLine(log, "Monitoring server is up: http://localhost:" + port + "/", first,
                    Duration.ofMinutes(4));
            Path passwordFile = data.resolve("initial-admin-password");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)));
            String generated = Files.readString(passwordFile).strip();
            assertEquals(20, generated.length(), "a generated password of 20 characters");
            assertTrue(output.contains("written to " + passwordFile.toAbsolutePath()), "the log says where it is");
            assertFalse(output.contains(generated), "the password itself is not in the terminal output");
            assertFalse(Files.readString(data.resolve("server.log")).contains(generated), "nor in server.log");
            String admin = token(port, "admin", generated);
            assertEquals(201, status(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/clients"))
                    .header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"kept-host\",\"password\":\"kept-secret-1\"}"))
                    .build()));
        } finally {
            stop(first, port);
        }
        assertTrue(Files.exists(data.resolve("monitoring.mv.db")), "the embedded database lives under the data directory");

        Path again = WORK.resolve("second.log");
        Files.deleteIfExists(again);
        Process second = launch(port, data, Map.of(), again);
        try {
            awaitLine(again, "Monitoring server is up", second, Duration.ofMinutes(4));
            token(port, "kept-host", "kept-secret-1");
        } finally {
            stop(second, port);
        }
    }

    @Test
    void refusesATakenPort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Path log = WORK.resolve("taken.log");
            Files.deleteIfExists(log);
            Process launcher = launch(taken.getLocalPort(), WORK.resolve("taken-data"), Map.of(), log);
            assertTrue(launcher.waitFor(30, TimeUnit.SECONDS));
            assertEquals(1, launcher.exitValue());
            assertTrue(Files.readString(log).contains("port " + taken.getLocalPort() + " is already in use"));
        }
    }

    @Test
    void failsClearlyWhenTheApplicationCannotStart() throws Exception {
        int port = Processes.freePort();
        Path log = WORK.resolve("broken.log");
        Files.deleteIfExists(log);
        Process launcher = launch(port, WORK.resolve("broken-data"),
                Map.of("MONITORING_DB_URL", "jdbc:postgresql://127.0.0.1:5432/no_such_database_here",
                        "MONITORING_DB_USER", "postgres"), log);
        assertTrue(launcher.waitFor(4, TimeUnit.MINUTES), "run.sh gives up instead of waiting forever");
        assertEquals(1, launcher.exitValue());
        assertTrue(Files.readString(log).contains("run.sh: the application failed to start"), tail(Files.readString(log)));
        for (int i = 0; i < 60 && listening(port); i++) {
            Thread.sleep(500);
        }
        assertFalse(listening(port), "no half-started server is left behind");
    }
}

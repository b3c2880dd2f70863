package org.opsmon.monitoring.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.opsmon.monitoring.agent.cli.AgentCommand;
import org.opsmon.monitoring.agent.cli.ExitCodes;
import org.opsmon.monitoring.agent.delivery.TokenClient;
import org.opsmon.monitoring.agent.delivery.TrustedCertificates;

/**
 * {@code ca-cert} against real TLS: a private CA made with the JDK's keytool for this run, an
 * HTTPS server whose certificate that CA signed, and the agent's own HTTP client and CLI.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class CaCertTest {

    private static final String STOREPASS = "changeit";

    @TempDir
    static Path keys;
    @TempDir
    Path dir;

    /** The private CA's certificate, what an operator would give as ca-cert. */
    static Path caPem;
    /** An unrelated self-signed certificate for other.example. */
    static Path otherPem;
    /** Serves a certificate for 127.0.0.1 and localhost, signed by the private CA. */
    static HttpsServer server;
    /** Serves the other.example self-signed certificate: right key, wrong name for 127.0.0.1. */
    static HttpsServer otherServer;

    @BeforeAll
    static void makeKeysAndStartServers() throws Exception {
        caPem = keys.resolve("ca.pem");
        otherPem = keys.resolve("other.pem");
        Path caStore = keys.resolve("ca.p12");
        Path serverStore = keys.resolve("server.p12");
        Path otherStore = keys.resolve("other.p12");
        keytool("-genkeypair", "-keystore", caStore, "-alias", "ca", "-keyalg", "EC", "-dname", "CN=Opsmon Test CA",
                "-ext", "bc:c", "-validity", "2");
        keytool("-exportcert", "-rfc", "-keystore", caStore, "-alias", "ca", "-file", caPem);
        keytool("-genkeypair", "-keystore", serverStore, "-alias", "server", "-keyalg", "EC", "-dname", "CN=localhost",
                "-validity", "2");
        keytool("-certreq", "-keystore", serverStore, "-alias", "server", "-file", keys.resolve("server.csr"));
        keytool("-gencert", "-rfc", "-keystore", caStore, "-alias", "ca", "-infile", keys.resolve("server.csr"),
                "-outfile", keys.resolve("server.pem"), "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-ext", "EKU=serverAuth", "-validity", "2");
        keytool("-importcert", "-noprompt", "-keystore", serverStore, "-alias", "ca", "-file", caPem);
        keytool("-importcert", "-keystore", serverStore, "-alias", "server", "-file", keys.resolve("server.pem"));
        keytool("-genkeypair", "-keystore", otherStore, "-alias", "other", "-keyalg", "EC", "-dname", "CN=other.example",
                "-ext", "SAN=dns:other.example", "-validity", "2");
        keytool("-exportcert", "-rfc", "-keystore", otherStore, "-alias", "other", "-file", otherPem);

        server = start(serverStore);
        otherServer = start(otherStore);
    }

    @AfterAll
    static void stopServers() {
        if (server != null) {
            server.stop(0);
        }
        if (otherServer != null) {
            otherServer.stop(0);
        }
    }

    private static void keytool(Object... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC", "-storetype", "PKCS12", "-storepass", STOREPASS));
        for (Object a : args) {
            cmd.add(a.toString());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("keytool hung: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new IOException("keytool failed: " + cmd + "\n" + output);
        }
    }

    private static HttpsServer start(Path keyStore) throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, STOREPASS.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, STOREPASS.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), null, null);
        HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        s.setHttpsConfigurator(new HttpsConfigurator(tls));
        s.createContext("/api/auth/token", CaCertTest::token);
        s.start();
        return s;
    }

    /** The server's token endpoint: user "web01" with password "pw" logs in, anyone else gets invalid_grant. */
    private static void token(HttpExchange ex) throws IOException {
        String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        boolean ok = form.contains("grant_type=password") && form.contains("username=web01") && form.contains("password=pw");
        byte[] body = (ok ? "{\"access_token\":\"tls-token\",\"token_type\":\"Bearer\",\"expires_in\":3600,\"client_id\":\"7\"}"
                : "{\"error\":\"invalid_grant\"}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(ok ? 200 : 400, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private static URI base(HttpsServer s) {
        return URI.create("https://127.0.0.1:" + s.getAddress().getPort());
    }

    private static TokenClient tokens(HttpsServer s, TrustedCertificates trusted) {
        return new TokenClient(Agent.httpClient(base(s), trusted), base(s), "web01", "pw", null);
    }

    record Result(int code, String err) {
    }

    private static Result cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AgentCommand.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("MONITORING_AGENT_PASSWORD", "wrong"));
        return new Result(code, err.toString(StandardCharsets.UTF_8));
    }

    private Path config(String... lines) throws IOException {
        return Files.writeString(dir.resolve("agent.properties"),
                "username=web01\nspool=" + dir.resolve("spool") + "\n" + String.join("\n", lines) + "\n");
    }

    @Test
    void agentClientLogsInOverHttpsWhenCaCertHoldsTheServersCa() throws Exception {
        TrustedCertificates trusted = TrustedCertificates.fromPem(caPem);
        assertEquals(1, trusted.certificates().size());
        TokenClient tokens = tokens(server, trusted);
        assertEquals("tls-token", tokens.bearer());
        assertEquals("7", tokens.clientId());
    }

    @Test
    void aBundleOfSeveralCertificatesTrustsEachOfThem() throws Exception {
        Path bundle = Files.writeString(dir.resolve("bundle.pem"),
                "# a comment line, as CA bundles often carry\n" + Files.readString(otherPem) + Files.readString(caPem));
        TrustedCertificates trusted = TrustedCertificates.fromPem(bundle);
        assertEquals(2, trusted.certificates().size());
        assertEquals("tls-token", tokens(server, trusted).bearer());
    }

    @Test
    void withoutCaCertTheJdkTrustStoreRejectsThePrivateCa() {
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> tokens(server, null).bearer());
        assertTrue(e.getMessage().contains("certification path"), e.getMessage());
    }

    @Test
    void anotherSelfSignedCertificateDoesNotMakeTheServerTrusted() {
        TrustedCertificates other = TrustedCertificates.fromPem(otherPem);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> tokens(server, other).bearer());
        assertTrue(e.getMessage().contains("certification path"), e.getMessage());
    }

    @Test
    void hostnameIsStillVerifiedForATrustedCertificate() {
        // other.pem is exactly the certificate otherServer presents, but it names other.example, not 127.0.0.1.
        TrustedCertificates other = TrustedCertificates.fromPem(otherPem);
        SSLHandshakeException e = assertThrows(SSLHandshakeException.class, () -> tokens(otherServer, other).bearer());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
    }

    @Test
    void commandLineUsesCaCertFromTheConfigFileAndTheFlag() throws Exception {
        // The server answers invalid_grant to the wrong password: exit 4 proves the TLS request went through.
        String url = base(server).toString();
        assertEquals(4, cli("--config", config("ca-cert=" + caPem).toString(), "--server", url).code());
        assertEquals(4, cli("--config", config().toString(), "--server", url, "--ca-cert", caPem.toString()).code());
        // Unreachable at start (3): the handshake fails with the JDK trust store or a foreign certificate.
        assertEquals(3, cli("--config", config().toString(), "--server", url).code());
        assertEquals(3, cli("--config", config().toString(), "--server", url, "--ca-cert", otherPem.toString()).code());
    }

    private void assertConfigurationError(Result r, String expected) {
        assertEquals(ExitCodes.CONFIG, r.code(), r.err());
        assertTrue(r.err().startsWith("monitoring-agent: configuration error: "), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line, no stack trace: " + r.err());
    }

    @Test
    void missingUnusableOrMisplacedCaCertIsAConfigurationError() throws IOException {
        String url = base(server).toString();
        Path absent = dir.resolve("absent.pem");
        assertConfigurationError(cli("--config", config().toString(), "--server", url, "--ca-cert", absent.toString()),
                "ca-cert file " + absent + " not found");

        Path keyOnly = Files.writeString(dir.resolve("key.pem"),
                "-----BEGIN PRIVATE KEY-----\nMEECAQAwEwYHKoZIzj0CAQYIKoZIzj0DAQcEJzAlAgEBBCA=\n-----END PRIVATE KEY-----\n");
        assertConfigurationError(cli("--config", config("ca-cert=" + keyOnly).toString(), "--server", url),
                "holds no certificate");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "");
        assertConfigurationError(cli("--config", config().toString(), "--server", url, "--ca-cert", empty.toString()),
                "holds no certificate");
        Path damaged = Files.writeString(dir.resolve("damaged.pem"),
                Files.readString(caPem).replaceFirst("(?m)^([A-Za-z0-9+/]{20})[A-Za-z0-9+/]{20}", "$1"));
        assertConfigurationError(cli("--config", config().toString(), "--server", url, "--ca-cert", damaged.toString()),
                "damaged certificate");
        assertConfigurationError(cli("--config", config().toString(), "--server", url, "--ca-cert", dir.toString()),
                "cannot read ca-cert file " + dir);

        // --once, the install check, refuses a ca-cert the service could not use.
        assertConfigurationError(cli("--config", config().toString(), "--server", url, "--ca-cert", absent.toString(),
                "--once"), "ca-cert file " + absent + " not found");

        Result plain = cli("--config", config("ca-cert=" + caPem).toString(), "--server", "http://127.0.0.1:9");
        assertConfigurationError(plain, "ca-cert is only used with an https:// server");
        assertFalse(plain.err().contains("Exception"), plain.err());
    }

    @Test
    void helpListsCaCert() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, AgentCommand.execute(new String[] {"--help"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, Map.of()));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--ca-cert=FILE"));
    }
}

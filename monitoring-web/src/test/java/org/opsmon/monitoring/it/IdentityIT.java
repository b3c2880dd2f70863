package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Principals, tokens and client registration as an operator and an agent meet them. */
class IdentityIT extends DeployedApplication {

    @Test
    void adminGetsAnOAuth2Token() {
        Api.Reply reply = api.login("admin", Api.ADMIN_PASSWORD).expect(200);
        JsonObject token = reply.json();
        assertEquals("Bearer", token.getString("token_type"));
        assertEquals(3600, token.getInt("expires_in"));
        assertTrue(token.getString("access_token").length() >= 43, "at least 256 bits, base64url");
        assertEquals("no-store", reply.header("Cache-Control"));
    }

    @Test
    void tokenEndpointRejectsBadGrants() {
        assertEquals("invalid_grant", api.login("admin", "wrong-password").expect(400).error());
        assertEquals("invalid_grant", api.login("nobody-" + UUID.randomUUID(), "whatever1").expect(400).error());
        assertEquals("unsupported_grant_type", api.postForm("/api/auth/token",
                Map.of("grant_type", "client_credentials", "username", "admin", "password", "x")).expect(400).error());
        assertEquals("invalid_request", api.postForm("/api/auth/token",
                Map.of("grant_type", "password", "username", "admin")).expect(400).error());
        assertEquals(415, api.postJson("/api/auth/token", null, "{\"username\":\"admin\"}").status());
    }

    @Test
    void repeatedFailuresAreSlowedDown() {
        String name = "guess-" + UUID.randomUUID().toString().substring(0, 8);
        for (int i = 0; i < 5; i++) {
            assertEquals(400, api.login(name, "wrong-" + i).status());
        }
        Api.Reply throttled = api.login(name, "wrong-again").expect(429);
        assertEquals("slow_down", throttled.error());
        assertTrue(Long.parseLong(throttled.header("Retry-After")) >= 1);
    }

    @Test
    void strangersCannotLockOutTheRightPassword() throws Exception {
        String name = "victim-" + UUID.randomUUID().toString().substring(0, 8);
        api.postJson("/api/users", admin, "{\"username\":\"" + name + "\",\"password\":\"right-secret-1\"}")
                .expect(201);
        // Someone else, on another address of this host, guesses until refused.
        int last = 0;
        for (int i = 0; i < 8; i++) {
            last = loginFrom("127.0.0.2", name, "wrong-" + i);
        }
        assertEquals(429, last, "the guessing address is held back");
        // The right password from the owner's address still works ...
        api.login(name, "right-secret-1").expect(200);
        // ... after which a wrong one from there starts counting afresh, and the name stays open.
        assertEquals(400, api.login(name, "wrong-mine").status());
        api.login(name, "right-secret-1").expect(200);
    }

    /** A token request sent from a chosen local address (the API sees it as the caller's address). */
    private int loginFrom(String localAddress, String username, String password) throws Exception {
        String body = "grant_type=password&username=" + username + "&password=" + password;
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort(),
                java.net.InetAddress.getByName(localAddress), 0)) {
            socket.setSoTimeout(30_000);
            String request = "POST " + base.getPath().replaceAll("/$", "") + "/api/auth/token HTTP/1.1\r\n"
                    + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\n"
                    + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void everythingButHealthOpenapiAndTokenNeedsACredential() {
        assertEquals("unauthorized", api.get("/api/clients", null).expect(401).error());
        assertTrue(api.get("/api/clients", null).header("WWW-Authenticate").startsWith("Bearer"));
        assertEquals("invalid_token", api.get("/api/clients", "not-a-token").expect(401).error());
        api.get("/api/monitor/cpu/load", null).expect(401);
        api.postJson("/api/clients/1/metrics", null, "{\"cpu_load\":1}").expect(401);
        // A refused upload still gets its answer, not a reset, whatever the size of the body.
        String batch = "[" + "{\"cpu_load\":1},".repeat(20_000) + "{\"cpu_load\":1}]";
        assertEquals("invalid_token", api.postJson("/api/clients/1/metrics", "not-a-token", batch).expect(401).error());
        api.get(api.root() + "/health", null).expect(200);
        assertTrue(api.get(api.root() + "/openapi", null).expect(200).body().contains("/api/clients/{client}/metrics"));
    }

    @Test
    void adminRegistersAnAgentThatLogsIn() {
        String admin = api.adminToken();
        String name = "web-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Reply created = api.postJson("/api/clients", admin,
                "{\"username\":\"" + name + "\",\"password\":\"agent-secret-1\"}").expect(201);
        long id = created.json().getJsonNumber("client_id").longValue();
        assertNotNull(created.json().getString("registration"));
        assertTrue(created.header("Location").endsWith("/api/clients/" + id));

        JsonObject token = api.login(name, "agent-secret-1").expect(200).json();
        assertEquals(id, token.getJsonNumber("client_id").longValue());
        assertEquals("agent", token.getString("role"));

        JsonArray visible = api.get("/api/clients", token.getString("access_token")).expect(200).array();
        assertEquals(1, visible.size(), "an agent sees only itself");
        assertEquals(name, visible.getJsonObject(0).getString("name"));
        assertTrue(api.get("/api/clients", admin).expect(200).array().size() >= 2);
    }

    @Test
    void enrollmentSecretRegistersButDoesNothingElse() {
        String name = "enrolled-" + UUID.randomUUID().toString().substring(0, 8);
        api.postJson("/api/clients", Api.ENROLLMENT_SECRET,
                "{\"username\":\"" + name + "\",\"password\":\"agent-secret-1\"}").expect(201);
        assertEquals("forbidden", api.get("/api/clients", Api.ENROLLMENT_SECRET).expect(403).error());
        api.postJson("/api/clients", "wrong-enrollment-secret-000000",
                "{\"username\":\"x" + name + "\",\"password\":\"agent-secret-1\"}").expect(401);
    }

    @Test
    void registrationRejectsBadRequests() {
        String admin = api.adminToken();
        Api.Agent agent = api.newAgent(admin, "dup");
        assertEquals("name_taken", api.postJson("/api/clients", admin,
                "{\"username\":\"" + agent.name() + "\",\"password\":\"agent-secret-1\"}").expect(409).error());
        assertEquals("weak_password", api.postJson("/api/clients", admin,
                "{\"username\":\"short-pw\",\"password\":\"abc\"}").expect(400).error());
        assertEquals("invalid_request", api.postJson("/api/clients", admin,
                "{\"username\":\"no-pw\"}").expect(400).error());
        assertEquals("invalid_username", api.postJson("/api/clients", admin,
                "{\"username\":\"9starts-with-digit\",\"password\":\"agent-secret-1\"}").expect(400).error());
        assertEquals("invalid_username", api.postJson("/api/clients", admin,
                "{\"username\":\"has space\",\"password\":\"agent-secret-1\"}").expect(400).error());
        assertEquals("invalid_json", api.postJson("/api/clients", admin, "{not json").expect(400).error());
        assertEquals("invalid_request", api.postJson("/api/clients", admin,
                "{\"username\":42,\"password\":\"agent-secret-1\"}").expect(400).error());
        assertEquals("forbidden", api.postJson("/api/clients", agent.token(),
                "{\"username\":\"by-agent\",\"password\":\"agent-secret-1\"}").expect(403).error());
        assertEquals(0, Database.count("SELECT COUNT(*) FROM account WHERE username IN ('short-pw','no-pw','by-agent')"));
    }

    @Test
    void secretsAreStoredHashed() {
        String admin = api.adminToken();
        Api.Agent agent = api.newAgent(admin, "hashed");
        String hash = Database.string("SELECT password_hash FROM account WHERE username = ?", agent.name());
        assertFalse(hash.contains(agent.password()));
        assertTrue(hash.startsWith("PBKDF2WithHmacSHA256:"), hash);
        assertEquals(0, Database.count("SELECT COUNT(*) FROM access_token WHERE token_hash = ?", agent.token()));
        assertTrue(Database.count("SELECT COUNT(*) FROM access_token t JOIN account a ON a.id = t.account_id "
                + "WHERE a.username = ?", agent.name()) >= 1);
    }

    @Test
    void agentsOnlyTouchTheirOwnClient() {
        String admin = api.adminToken();
        Api.Agent one = api.newAgent(admin, "own");
        Api.Agent other = api.newAgent(admin, "other");
        assertEquals("forbidden", api.get("/api/clients/" + other.clientId() + "/time", one.token()).expect(403).error());
        assertEquals("forbidden", api.postJson("/api/clients/" + other.clientId() + "/metrics", one.token(),
                "{\"cpu_load\":5}").expect(403).error());
        api.get("/api/clients/" + one.clientId() + "/time", one.token()).expect(200);
        api.get("/api/clients/" + one.name() + "/time", one.token()).expect(200);
        assertEquals("forbidden", api.get("/api/monitor/cpu/load", one.token()).expect(403).error());
        assertEquals("not_found", api.get("/api/clients/999999999/time", admin).expect(404).error());
    }

    @Test
    void revokedAndExpiredTokensStopWorking() {
        String admin = api.adminToken();
        Api.Agent agent = api.newAgent(admin, "revoke");
        String second = api.token(agent.name(), agent.password());
        api.get("/api/clients/" + agent.clientId(), agent.token()).expect(200);
        JsonObject revoked = api.delete("/api/clients/" + agent.clientId() + "/tokens", admin).expect(200).json();
        assertEquals(2, revoked.getInt("revoked"));
        assertEquals("invalid_token", api.get("/api/clients/" + agent.clientId(), agent.token()).expect(401).error());
        api.get("/api/clients/" + agent.clientId(), second).expect(401);

        String fresh = api.token(agent.name(), agent.password());
        api.get("/api/clients/" + agent.clientId(), fresh).expect(200);
        // Expired behind the server's back (a recently used token may stay remembered until its
        // own expiry, so this one has not been used yet).
        String unused = api.token(agent.name(), agent.password());
        Database.update("UPDATE access_token SET expires_at = now() - interval '1 second' WHERE account_id = "
                + "(SELECT id FROM account WHERE username = ?)", agent.name());
        api.get("/api/clients/" + agent.clientId(), unused).expect(401);
        assertNotEquals(fresh, api.token(agent.name(), agent.password()), "a new login gives a new token");
    }

    @Test
    void adminsManageViewersWhoReadButDoNotWrite() {
        String name = "viewer-" + UUID.randomUUID().toString().substring(0, 8);
        JsonObject created = api.postJson("/api/users", admin,
                "{\"username\":\"" + name + "\",\"password\":\"viewer-secret-1\",\"role\":\"viewer\"}").expect(201).json();
        assertEquals("viewer", created.getString("role"));
        assertEquals("name_taken", api.postJson("/api/users", admin,
                "{\"username\":\"" + name + "\",\"password\":\"viewer-secret-1\"}").expect(409).error());
        assertEquals("invalid_role", api.postJson("/api/users", admin,
                "{\"username\":\"x" + name + "\",\"password\":\"viewer-secret-1\",\"role\":\"agent\"}")
                .expect(400).error());

        String viewer = api.token(name, "viewer-secret-1");
        Api.Agent agent = api.newAgent(admin, "watched");
        api.get("/api/clients", viewer).expect(200);
        api.get("/api/clients/" + agent.clientId() + "/time", viewer).expect(200);
        api.get("/api/monitor/cpu/load", viewer).expect(200);
        assertEquals("forbidden", api.postJson("/api/clients/" + agent.clientId() + "/metrics", viewer,
                "{\"cpu_load\":5}").expect(403).error());
        api.postJson("/api/clients", viewer, "{\"username\":\"by-viewer\",\"password\":\"agent-secret-1\"}")
                .expect(403);
        api.get("/api/users", viewer).expect(403);
        assertTrue(api.get("/api/users", admin).expect(200).body().contains("\"" + name + "\""));

        assertEquals("forbidden", api.send(api.request("/api/users/admin/password", viewer)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\":\"taken-over-1\"}"))).expect(403).error());
        api.send(api.request("/api/users/" + name + "/password", viewer).header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\":\"viewer-secret-2\"}"))).expect(204);
        api.get("/api/clients", viewer).expect(401);
        assertEquals("invalid_grant", api.login(name, "viewer-secret-1").expect(400).error());
        String renewed = api.token(name, "viewer-secret-2");
        api.get("/api/clients", renewed).expect(200);

        api.delete("/api/users/" + name, admin).expect(204);
        api.get("/api/clients", renewed).expect(401);
        api.login(name, "viewer-secret-2").expect(400);
        assertEquals("last_admin", api.delete("/api/users/admin", admin).expect(409).error());
        assertEquals("not_found", api.delete("/api/users/" + name, admin).expect(404).error());
    }

    @Test
    void namesTheDatabaseCannotStoreAreRefusedWithJson() {
        long accounts = Database.count("SELECT COUNT(*) FROM account");
        Api.Reply nul = api.postJson("/api/clients", admin, "{\"username\":\"web\\u0000x\",\"password\":\"agent-secret-1\"}")
                .expect(400);
        assertEquals("invalid_username", nul.error());
        assertEquals("username contains a control character (U+0000) at position 3", nul.json().getString("message"));
        assertEquals("invalid_username", api.postJson("/api/clients", Api.ENROLLMENT_SECRET,
                "{\"username\":\"\\ud800web\",\"password\":\"agent-secret-1\"}").expect(400).error());
        assertEquals("invalid_username", api.postJson("/api/users", admin,
                "{\"username\":\"bob\\u0085\",\"password\":\"viewer-secret-1\"}").expect(400).error());
        assertEquals("invalid_password", api.postJson("/api/users", admin,
                "{\"username\":\"lone-surrogate\",\"password\":\"secret-\\udfff-1\"}").expect(400).error());
        assertEquals(accounts, Database.count("SELECT COUNT(*) FROM account"), "nothing was created");

        Api.Reply token = api.login("admin\u0000", Api.ADMIN_PASSWORD).expect(400);
        assertEquals("invalid_request", token.error());
        assertEquals("username contains a control character (U+0000) at position 5", token.json().getString("message"));
        assertEquals("invalid_request", api.login("a".repeat(65), "whatever-1").expect(400).error());

        String tooLong = "a".repeat(65);
        assertEquals("invalid_client", api.get("/api/clients/" + tooLong, admin).expect(400).error());
        assertEquals("invalid_client", api.get("/api/clients/web%01/time", admin).expect(400).error());
        Api.Reply user = api.delete("/api/users/" + tooLong, admin).expect(400);
        assertEquals("invalid_username", user.error());
        assertEquals("username is longer than 64 characters", user.json().getString("message"));
        assertEquals("invalid_username", api.send(api.request("/api/users/bob%7F/password", admin)
                .header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"password\":\"viewer-secret-2\"}")))
                .expect(400).error());
        assertEquals("not_found", api.get("/api/clients/" + "a".repeat(64), admin).expect(404).error());
    }
}

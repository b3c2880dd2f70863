package org.opsmon.monitoring.agent.delivery;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Logger;
import org.opsmon.monitoring.agent.collect.Fields;

/**
 * Holds the agent's bearer token: logs in with the OAuth2 password grant, renews at 80% of the
 * token's lifetime (so a request never races the expiry) and whenever the server says 401, and
 * enrolls the agent first when an enrollment secret is configured and the account is unknown.
 * Neither password nor token ever reaches a log line or an exception message.
 */
public final class TokenClient {

    private static final Logger LOG = Logger.getLogger(TokenClient.class.getName());
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI server;
    private final String username;
    private final String password;
    private final String enrollmentSecret;

    private String token;
    private String clientId;
    private long renewAtMillis;
    private boolean enrollmentTried;

    public TokenClient(HttpClient http, URI server, String username, String password, String enrollmentSecret) {
        this.http = http;
        this.server = server;
        this.username = username;
        this.password = password;
        this.enrollmentSecret = enrollmentSecret;
    }

    /** A token valid for a while yet, logging in first if needed. */
    public synchronized String bearer() throws IOException, InterruptedException, CredentialsRejectedException {
        if (token == null || System.currentTimeMillis() >= renewAtMillis) {
            login();
        }
        return token;
    }

    /** The current token without logging in (null if none); for optional work such as the probe. */
    public synchronized String peek() {
        return token;
    }

    /** Forgets {@code rejected} after a 401 so the next call logs in; a newer token is kept. */
    public synchronized void invalidate(String rejected) {
        if (rejected != null && rejected.equals(token)) {
            token = null;
        }
    }

    public synchronized String clientId() {
        return clientId != null ? clientId : username;
    }

    private void login() throws IOException, InterruptedException, CredentialsRejectedException {
        String form = "grant_type=password&username=" + enc(username) + "&password=" + enc(password);
        HttpRequest req = HttpRequest.newBuilder(URI.create(server + "/api/auth/token"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        int status = res.statusCode();
        if (status == 200) {
            JsonObject body = parse(res.body());
            String access = body.getString("access_token", null);
            if (access == null || access.isEmpty()) {
                throw new IOException("token endpoint answered 200 without an access_token");
            }
            long expiresIn = body.containsKey("expires_in") && body.get("expires_in") instanceof jakarta.json.JsonNumber n
                    ? Math.max(1, n.longValue()) : 3600;
            token = access;
            clientId = body.getString("client_id", clientId);
            renewAtMillis = System.currentTimeMillis() + expiresIn * 800;
            LOG.info(() -> "logged in as " + username + " (token valid " + expiresIn + " s)");
            return;
        }
        if (status == 400 || status == 401) {
            String error = errorCode(res.body());
            if ("invalid_grant".equals(error) && enrollmentSecret != null && !enrollmentTried) {
                enrollmentTried = true;
                enroll();
                login();
                return;
            }
            throw new CredentialsRejectedException("server rejected the login of user '" + username + "' ("
                    + (error == null ? "HTTP " + status : error) + ")");
        }
        throw ServerResponseException.of("login", res);
    }

    private void enroll() throws IOException, InterruptedException, CredentialsRejectedException {
        String json = Fields.object().add("username", username).add("password", password).build().toString();
        HttpRequest req = HttpRequest.newBuilder(URI.create(server + "/api/clients"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + enrollmentSecret)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
        switch (res.statusCode()) {
            case 201, 200 -> {
                String id = safe(() -> parse(res.body()).getString("client_id", null));
                LOG.info(() -> "enrolled with the server as '" + username + "'" + (id == null ? "" : " (client " + id + ")"));
            }
            case 409 -> throw new CredentialsRejectedException("user '" + username
                    + "' already exists on the server and the password does not match");
            case 401, 403 -> throw new CredentialsRejectedException("server rejected the enrollment secret");
            case 400 -> throw new CredentialsRejectedException("server refused enrollment of '" + username + "': "
                    + safe(() -> parse(res.body()).getString("message", "bad request")));
            default -> throw ServerResponseException.of("enrollment", res);
        }
    }

    private static String errorCode(String body) {
        return safe(() -> parse(body).getString("error", null));
    }

    private interface Lookup {
        String get() throws Exception;
    }

    private static String safe(Lookup l) {
        try {
            return l.get();
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonObject parse(String body) {
        try (JsonReader r = Fields.JSON.createReader(new StringReader(body))) {
            return r.readObject();
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}

package org.opsmon.monitoring.bench;

import jakarta.json.Json;
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

/**
 * The few calls of the public API a load generator needs before it can load anything: log in,
 * register a client. A failure here ends the run with {@link SetupException}, because nothing
 * measured without working clients would mean anything.
 */
final class BenchApi {

    private final String server;
    private final HttpClient http;

    BenchApi(String server) {
        this.server = server;
        // HTTP/1.1 keep-alive with one connection per worker is what agents do; no h2c upgrade dance.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    HttpClient http() {
        return http;
    }

    URI uri(String path) {
        return URI.create(server + path);
    }

    /** The password grant's answer; for an agent it carries {@code client_id}. */
    JsonObject token(String username, String password) {
        String form = "grant_type=password&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> answer = send(HttpRequest.newBuilder(uri("/api/auth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (answer.statusCode() != 200) {
            throw new SetupException("logging in as " + username + " answered " + answer.statusCode() + ": "
                    + answer.body());
        }
        return json(answer.body());
    }

    /** Registers an agent client; one left from an earlier run (409) is fine. */
    void register(String adminToken, String name, String password) {
        HttpResponse<String> created = send(HttpRequest.newBuilder(uri("/api/clients"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder()
                        .add("username", name).add("password", password).build().toString()))
                .build());
        if (created.statusCode() != 201 && created.statusCode() != 409) {
            throw new SetupException("registering " + name + " answered " + created.statusCode() + ": "
                    + created.body());
        }
    }

    /** Registers the client, logs it in and checks the answer names its client id. */
    JsonObject enroll(String adminToken, String name, String password) {
        register(adminToken, name, password);
        JsonObject login = token(name, password);
        if (!login.containsKey("client_id")) {
            throw new SetupException("the token answer for " + name + " carries no client_id: " + login);
        }
        return login;
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new SetupException(request.method() + " " + request.uri() + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SetupException("interrupted");
        }
    }

    static JsonObject json(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** Enrolment or login failed: the run cannot measure anything meaningful. */
    static final class SetupException extends RuntimeException {
        SetupException(String message) {
            super(message);
        }
    }
}

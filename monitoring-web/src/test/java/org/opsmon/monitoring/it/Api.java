package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** A plain HTTP client for the public API, as any external client would use it. */
final class Api {

    static final String ADMIN_PASSWORD = System.getProperty("it.admin.password", "it-admin-password-1");
    static final String ENROLLMENT_SECRET = System.getProperty("it.enrollment.secret", "it-enrollment-secret-0123456789");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;

    Api(URL base) {
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    String base() {
        return base;
    }

    /** The server's root, without the context path (where /health and /openapi live). */
    String root() {
        URI uri = URI.create(base);
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
    }

    record Reply(int status, String body, HttpResponse<String> raw) {

        JsonObject json() {
            return Json.createReader(new StringReader(body)).readObject();
        }

        JsonArray array() {
            return Json.createReader(new StringReader(body)).readArray();
        }

        String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        String error() {
            return json().getString("error");
        }

        Reply expect(int expected) {
            assertEquals(expected, status, () -> "HTTP " + status + ": " + body);
            return this;
        }
    }

    Reply send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new Reply(response.statusCode(), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    Reply get(String path, String token) {
        return send(request(path, token).GET());
    }

    Reply get(String path, String token, String accept) {
        return send(request(path, token).header("Accept", accept).GET());
    }

    Reply delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    Reply postJson(String path, String token, String json) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply postForm(String path, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(request(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply login(String username, String password) {
        return postForm("/api/auth/token", Map.of("grant_type", "password", "username", username, "password", password));
    }

    String token(String username, String password) {
        return login(username, password).expect(200).json().getString("access_token");
    }

    String adminToken() {
        return token("admin", ADMIN_PASSWORD);
    }

    /** A registered agent with a fresh token. */
    record Agent(String name, String password, long clientId, String token) {
    }

    Agent newAgent(String adminToken, String prefix) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        JsonObject created = postJson("/api/clients", adminToken,
                Json.createObjectBuilder().add("username", name).add("password", password).build().toString())
                .expect(201).json();
        return new Agent(name, password, created.getJsonNumber("client_id").longValue(), token(name, password));
    }

    /** The OpenAPI description as JSON. */
    JsonObject openApi() {
        return get(root() + "/openapi", null, "application/json").expect(200).json();
    }

    /**
     * The properties of the JSON answer an operation documents (its 200, 201 or default
     * answer), following $ref into the components and, for arrays, into the items.
     */
    static JsonObject answerProperties(JsonObject openApi, String path, String method) {
        JsonObject responses = openApi.getJsonObject("paths").getJsonObject(path).getJsonObject(method)
                .getJsonObject("responses");
        JsonObject answer = responses.getJsonObject(responses.containsKey("200") ? "200"
                : responses.containsKey("201") ? "201" : "default");
        return properties(openApi, answer.getJsonObject("content").getJsonObject("application/json")
                .getJsonObject("schema"));
    }

    /** The properties of a schema, following $ref and array items. */
    static JsonObject properties(JsonObject openApi, JsonObject schema) {
        JsonObject resolved = schema;
        while (resolved.containsKey("$ref") || resolved.containsKey("items")) {
            resolved = resolved.containsKey("items") ? resolved.getJsonObject("items")
                    : openApi.getJsonObject("components").getJsonObject("schemas")
                    .getJsonObject(resolved.getString("$ref").substring("#/components/schemas/".length()));
        }
        return resolved.getJsonObject("properties");
    }

    static String json(JsonValue value) {
        return value.toString();
    }

    /**
     * Any method with a body of raw bytes (null: none) and an optional content type, over
     * HTTP/1.1 as the agent talks (no h2c upgrade).
     */
    Reply send(String method, String path, String token, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path, token).version(HttpClient.Version.HTTP_1_1);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /**
     * One HTTP/1.1 exchange over a plain socket, for what {@link HttpClient} will not send: a
     * request target that is not a valid URI ({@code %zz}), a made-up header, or a request from
     * another loopback address ({@code localAddress}, e.g. 127.0.0.7), so that limits kept per
     * caller address (the login throttle) see distinct callers. {@code target} is appended to
     * the application's base path as is. The answer's {@code raw()} is null.
     */
    Reply raw(String localAddress, String method, String target, Map<String, String> headers, byte[] body) {
        URI uri = URI.create(base);
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.bind(new java.net.InetSocketAddress(localAddress, 0));
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", uri.getPort()), 10_000);
            socket.setSoTimeout(60_000);
            StringBuilder head = new StringBuilder().append(method).append(' ')
                    .append(uri.getRawPath() == null ? "" : uri.getRawPath()).append(target).append(" HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(uri.getPort()).append("\r\n")
                    .append("Connection: close\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            if (body != null && headers.keySet().stream().noneMatch("Content-Length"::equalsIgnoreCase)) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("\r\n");
            try {
                socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    socket.getOutputStream().write(body);
                }
                socket.getOutputStream().flush();
            } catch (IOException answeredEarly) {
                // The server may answer and close before reading the whole body: read what it said.
            }
            return parseRaw(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Reply parseRaw(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            throw new IllegalStateException("No HTTP answer: " + text);
        }
        String[] lines = text.substring(0, end).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(java.util.Locale.ROOT);
            if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(response, end + 4, response.length);
        if (chunked) {
            java.io.ByteArrayOutputStream decoded = new java.io.ByteArrayOutputStream();
            int at = 0;
            while (at < body.length) {
                int lineEnd = at;
                while (lineEnd + 1 < body.length && !(body[lineEnd] == '\r' && body[lineEnd + 1] == '\n')) {
                    lineEnd++;
                }
                String size = new String(body, at, lineEnd - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
                int length = size.isEmpty() ? 0 : Integer.parseInt(size, 16);
                if (length == 0) {
                    break;
                }
                decoded.write(body, lineEnd + 2, Math.min(length, body.length - lineEnd - 2));
                at = lineEnd + 2 + length + 2;
            }
            body = decoded.toByteArray();
        }
        return new Reply(status, new String(body, StandardCharsets.UTF_8), null);
    }
}

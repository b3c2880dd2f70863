package org.opsmon.monitoring.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.opsmon.monitoring.notifications.control.ChannelSender.DeliveryFailure;

/**
 * JSON POSTs for webhook and Slack channels. One HTTP client per connect timeout, kept (a client
 * owns a selector thread and a connection pool; one per request would leak both under load).
 * Any 2xx answer is a delivery; anything else fails with the status and the start of the body.
 */
@ApplicationScoped
public class HttpPoster {

    static final int SHOWN_BODY = 200;
    private final ConcurrentMap<Integer, HttpClient> clients = new ConcurrentHashMap<>();

    /**
     * Posts {@code json} to {@code url}. {@code where} names the receiver in failure messages, so
     * a URL that is itself a secret (Slack's) never appears in them.
     */
    void post(URI url, Map<String, String> headers, String json, int timeoutSeconds, String where)
            throws DeliveryFailure {
        HttpClient client = clients.computeIfAbsent(timeoutSeconds, t -> HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(t))
                .build());
        HttpRequest.Builder request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(timeoutSeconds))
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "opsmon-monitoring")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw new DeliveryFailure(where + ": no connection within " + timeoutSeconds + " s");
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailure(where + ": no answer within " + timeoutSeconds + " s");
        } catch (IOException e) {
            throw new DeliveryFailure(where + ": " + EmailSender.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailure(where + ": interrupted (the server is stopping)");
        } catch (IllegalArgumentException e) {
            throw new DeliveryFailure(where + ": the request cannot be made (" + e.getMessage() + ")");
        }
        if (response.statusCode() / 100 != 2) {
            String body = response.body() == null ? "" : response.body().strip();
            if (body.length() > SHOWN_BODY) {
                body = body.substring(0, SHOWN_BODY) + "…";
            }
            throw new DeliveryFailure(where + " answered HTTP " + response.statusCode() + (body.isEmpty() ? "" : ": " + body));
        }
    }
}

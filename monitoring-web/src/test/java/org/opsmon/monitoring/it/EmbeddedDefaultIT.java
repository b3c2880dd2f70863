package org.opsmon.monitoring.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The first run with nothing configured: the embedded database under the data directory. */
@ExtendWith({FreshDataDirectory.class, ArquillianExtension.class})
@RunAsClient
class EmbeddedDefaultIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return DeployedApplication.deployment();
    }

    @ArquillianResource
    URL base;

    @Test
    void registersIngestsAndQueriesOnTheEmbeddedDatabase() {
        Api api = new Api(base);
        JsonObject health = api.get(api.root() + "/health", null).expect(200).json();
        assertTrue(health.toString().contains("\"database\":\"H2\""), health.toString());
        assertTrue(Files.exists(Path.of(System.getProperty("it.data.dir"), "embedded", "monitoring.mv.db")),
                "the embedded database lives in the data directory");

        String admin = api.adminToken();
        Api.Agent agent = api.newAgent(admin, "embedded");
        long t0 = Instant.now().getEpochSecond() - 30;
        String path = "/api/clients/" + agent.clientId() + "/metrics";
        api.postJson(path, agent.token(), IngestIT.rich(t0, 1, 10, 1_000, 1_700_000_000)).expect(200);
        api.postJson(path, agent.token(), IngestIT.rich(t0 + 10, 2, 20, 6_000, 1_700_000_000)).expect(200);
        assertEquals(1, api.postJson(path, agent.token(), IngestIT.rich(t0 + 10, 2, 20, 6_000, 1_700_000_000))
                .expect(200).json().getInt("duplicates"));

        JsonObject rate = api.get("/api/clients/" + agent.clientId() + "/series?metric=network.bytes_recv_per_s&start="
                + (t0 - 5) + "&step=1", agent.token()).expect(200).json();
        assertEquals(500.0, rate.getJsonArray("series").getJsonObject(0).getJsonArray("points").getJsonObject(0)
                .getJsonNumber("avg").doubleValue(), 1e-9);
        assertEquals(2, api.get("/api/clients/" + agent.clientId() + "/time/report?start=" + (t0 - 5), agent.token())
                .expect(200).json().getJsonArray("payload").size());
        assertEquals("invalid_snapshot", api.postJson(path, agent.token(), "{\"cpu_load\": 101}").expect(400).error());
    }
}

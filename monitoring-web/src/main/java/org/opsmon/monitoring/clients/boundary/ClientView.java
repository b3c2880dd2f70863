package org.opsmon.monitoring.clients.boundary;

import java.util.List;
import java.util.Map;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.ingest.entity.SeriesUsage;

/**
 * A client as the API shows it, with its number of series and the new series its limits
 * dropped since the server started: what tells an admin that a source floods or a limit is low.
 */
public record ClientView(long clientId, String name, String kind, String registeredAt, String lastSeen, long series,
                         long seriesDropped) {

    public static ClientView of(Client client, SeriesUsage usage) {
        return new ClientView(client.id(), client.name(), client.kind().code(),
                client.registeredAt().toInstant().toString(),
                client.lastSeen() == null ? null : client.lastSeen().toInstant().toString(),
                usage.series(), usage.dropped());
    }

    static List<ClientView> of(List<Client> clients, Map<Long, SeriesUsage> usage) {
        return clients.stream().map(c -> of(c, usage.get(c.id()))).toList();
    }
}

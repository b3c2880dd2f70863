package org.opsmon.monitoring.clients.boundary;

import org.opsmon.monitoring.clients.entity.Client;

/** A client as the API shows it. */
public record ClientView(long clientId, String name, String kind, String registeredAt, String lastSeen) {

    public static ClientView of(Client client) {
        return new ClientView(client.id(), client.name(), client.kind().code(),
                client.registeredAt().toInstant().toString(),
                client.lastSeen() == null ? null : client.lastSeen().toInstant().toString());
    }
}

package org.opsmon.monitoring.clients.boundary;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.opsmon.monitoring.clients.entity.Client;

/** The answer to a registration: the new client's id, its name and when it was registered. */
// Declared as a schema so that the 201 answer, which is no return type, can refer to it.
@Schema(description = "A registered client")
public record Registration(long clientId, String name, String registration) {

    static Registration of(Client client) {
        return new Registration(client.id(), client.name(), client.registeredAt().toInstant().toString());
    }
}

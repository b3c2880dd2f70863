package org.opsmon.monitoring.clients.boundary;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * Who may touch which client: admins and viewers read every client, an agent reads and writes
 * only its own (403 for any other), and only the owning agent or an admin writes samples.
 */
@RequestScoped
public class ClientAccess {

    @Inject
    ClientRegistry registry;

    @Inject
    SecurityContext security;

    public Client readable(String reference) {
        Client client = registry.require(reference);
        if (security.isCallerInRole("admin") || security.isCallerInRole("viewer") || ownsIt(client)) {
            return client;
        }
        throw RequestProblem.forbidden("This token may only read its own client");
    }

    public Client writable(String reference) {
        Client client = registry.require(reference);
        if (security.isCallerInRole("admin") || ownsIt(client)) {
            return client;
        }
        throw RequestProblem.forbidden("This token may only write to its own client");
    }

    public boolean seesEverything() {
        return security.isCallerInRole("admin") || security.isCallerInRole("viewer");
    }

    public String callerName() {
        Principal caller = security.getCallerPrincipal();
        return caller == null ? null : caller.getName();
    }

    private boolean ownsIt(Client client) {
        return security.isCallerInRole("agent") && client.ownedBy(callerName());
    }
}

package org.opsmon.monitoring.history.boundary;

import jakarta.inject.Inject;
import org.opsmon.monitoring.clients.boundary.ClientAccess;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.history.control.HistoryQueries;

/**
 * What the history resources share. Each is a root resource of its own under
 * clients/{client}/NAME, so that the clients resource alone answers clients/{client}.
 */
abstract class ClientHistoryResource {

    @Inject
    ClientAccess access;

    @Inject
    HistoryQueries queries;

    /** The client, if the caller may read it: its own agent, viewers and admins. */
    Client readable(String reference) {
        return access.readable(reference);
    }
}

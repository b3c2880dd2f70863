package org.opsmon.monitoring.notifications.boundary;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.opsmon.monitoring.notifications.control.ChannelCatalog;
import org.opsmon.monitoring.notifications.control.Outbox;
import org.opsmon.monitoring.notifications.entity.DeliveryStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** The outbox as people check it: what was sent, what waits and why, what failed. */
@Path("notifications")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "notifications")
public class NotificationsResource {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @Inject
    Outbox outbox;

    @Inject
    ChannelCatalog catalog;

    @GET
    @RolesAllowed({"admin", "viewer"})
    @Transactional
    @Operation(summary = "Notifications, newest first",
            description = "status: pending|sent|failed; channel: id or name; limit 1-1000 (default 100).")
    public List<NotificationView> list(@QueryParam("status") String status, @QueryParam("channel") String channel,
                                       @QueryParam("limit") Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            throw RequestProblem.badRequest("invalid_limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        DeliveryStatus wanted = status == null || status.isBlank() ? null : DeliveryStatus.of(status);
        Long channelId = channel == null || channel.isBlank() ? null : catalog.require(channel).id();
        return outbox.recent(wanted, channelId, limit == null ? DEFAULT_LIMIT : limit).stream()
                .map(NotificationView::of).toList();
    }
}

package org.opsmon.monitoring.devicelogs.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.opsmon.monitoring.devicelogs.entity.DeviceEvent;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventRecorded;
import org.opsmon.monitoring.devicelogs.entity.NewDeviceEvent;
import org.opsmon.monitoring.platform.control.AfterCommit;

/**
 * The one writer of device events, for the receivers and for the poller's status changes. It
 * joins the caller's transaction (or starts one) and announces each event with
 * {@link DeviceEventRecorded}, asynchronously, once that transaction committed:
 *
 * <pre>{@code
 * @Inject DeviceEvents events;
 * events.record(NewDeviceEvent.status(deviceId, now, EventSeverity.CRITICAL, "Device unreachable"));
 * }</pre>
 *
 * Events of a device deleted meanwhile are skipped, not failed: a trap racing a deletion must not
 * take the rest of its batch down with it.
 */
@ApplicationScoped
public class DeviceEvents {

    private static final String INSERT = "INSERT INTO device_event (id, client_id, type, received_at, reported_at, "
            + "severity, facility, source_address, hostname, app_name, trap_oid, variables, message) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    @Resource(lookup = "java:app/jdbc/monitoring")
    DataSource dataSource;

    @Inject
    AfterCommit afterCommit;

    @Inject
    Event<DeviceEventRecorded> recorded;

    /** Creates this bean at deployment, where its resources resolve (see the platform package). */
    void created(@Observes @Initialized(ApplicationScoped.class) Object application) {
        // Observing the event is the point.
    }

    @Transactional
    public DeviceEventRecorded record(NewDeviceEvent event) {
        List<DeviceEventRecorded> written = record(List.of(event));
        return written.isEmpty() ? null : written.get(0);
    }

    /** Writes the events in one batch; returns those written (not those of devices gone meanwhile). */
    @Transactional
    public List<DeviceEventRecorded> record(List<NewDeviceEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        List<DeviceEventRecorded> written;
        try (Connection connection = dataSource.getConnection()) {
            written = write(connection, events);
        } catch (SQLException e) {
            throw new IllegalStateException("Recording device events failed: " + e.getMessage(), e);
        }
        if (recorded != null && afterCommit != null) {
            afterCommit.run(() -> written.forEach(recorded::fireAsync));
        }
        return written;
    }

    static List<DeviceEventRecorded> write(Connection connection, List<NewDeviceEvent> events) throws SQLException {
        Map<Long, String> names = deviceNames(connection, events);
        List<DeviceEventRecorded> written = new ArrayList<>(events.size());
        try (PreparedStatement next = connection.prepareStatement("SELECT nextval('device_event_seq')");
             PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (NewDeviceEvent event : events) {
                String device = names.get(event.clientId());
                if (device == null) {
                    continue;
                }
                long id;
                try (ResultSet row = next.executeQuery()) {
                    row.next();
                    id = row.getLong(1);
                }
                bind(insert, id, event);
                insert.addBatch();
                written.add(new DeviceEventRecorded(id, device, event));
            }
            if (!written.isEmpty()) {
                insert.executeBatch();
            }
        }
        return written;
    }

    private static Map<Long, String> deviceNames(Connection connection, List<NewDeviceEvent> events) throws SQLException {
        Map<Long, String> names = new HashMap<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT name FROM client WHERE id = ?")) {
            for (NewDeviceEvent event : events) {
                if (!names.containsKey(event.clientId())) {
                    query.setLong(1, event.clientId());
                    try (ResultSet row = query.executeQuery()) {
                        names.put(event.clientId(), row.next() ? row.getString(1) : null);
                    }
                }
            }
        }
        return names;
    }

    private static void bind(PreparedStatement insert, long id, NewDeviceEvent e) throws SQLException {
        insert.setLong(1, id);
        insert.setLong(2, e.clientId());
        insert.setString(3, e.type().wireName());
        insert.setObject(4, utc(e.receivedAt()));
        insert.setObject(5, utc(e.reportedAt()), Types.TIMESTAMP_WITH_TIMEZONE);
        insert.setShort(6, (short) e.severity().code());
        if (e.facility() == null) {
            insert.setNull(7, Types.SMALLINT);
        } else {
            insert.setShort(7, e.facility().shortValue());
        }
        insert.setString(8, e.sourceAddress());
        insert.setString(9, e.hostname());
        insert.setString(10, e.appName());
        insert.setString(11, e.trapOid());
        insert.setString(12, DeviceEvent.variablesJson(e.variables()));
        insert.setString(13, e.message());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package org.opsmon.monitoring.live.control;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.opsmon.monitoring.alerts.entity.AlertChanged;
import org.opsmon.monitoring.alerts.entity.AlertsEvaluated;
import org.opsmon.monitoring.devicelogs.entity.DeviceEventRecorded;
import org.opsmon.monitoring.devicelogs.entity.NewDeviceEvent;
import org.opsmon.monitoring.devicelogs.entity.TrapVariable;
import org.opsmon.monitoring.ingest.control.RichFormView;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * The frames the server sends on {@code /ws/live}, as text ready to go on the wire. A broadcast
 * frame is encoded here once and the same text is handed to every recipient. Times are seconds
 * since the epoch with milliseconds, as in the rich form agents send.
 */
public final class LiveFrames {

    /** The one code of refused requests, as dashboards of the earlier protocol expect it. */
    public static final String INVALID_FORMAT = "INVALID_FORMAT";

    static final String CONNECTED = Jsons.object().add("type", "connection").add("status", "connected").build().toString();
    static final String UNSUBSCRIBED = Jsons.object().add("type", "unsubscribed").build().toString();

    private LiveFrames() {
    }

    /**
     * {@code {"type":"monitoring_data","timestamp","source","data","alerts"}}: the snapshot in the
     * rich form with everything stored for it (derived values and rates included), and the alerts
     * its evaluation changed. A timer-driven pass (a silent agent) has no snapshot: its
     * {@code data} is null and its alerts say what changed.
     */
    public static String monitoringData(AlertsEvaluated evaluated) {
        JsonObjectBuilder frame = Jsons.object()
                .add("type", "monitoring_data")
                .add("timestamp", seconds(evaluated.time()))
                .add("source", evaluated.source());
        if (evaluated.snapshot() == null) {
            frame.addNull("data");
        } else {
            frame.add("data", RichFormView.of(evaluated.snapshot()));
        }
        JsonArrayBuilder alerts = Jsons.array();
        for (AlertChanged change : evaluated.changes()) {
            alerts.add(alert(change));
        }
        return frame.add("alerts", alerts).build().toString();
    }

    /**
     * {@code {"type":"device_event","timestamp","source","event":{…}}}: a status change, trap or
     * syslog message of a device, once stored. {@code timestamp} is when the server received it
     * (observed it, for a status change); the event's members are those of the events API
     * ({@code GET /api/devices/{id}/events}), its device's own time as {@code reported_at} in
     * seconds like every time in frames, members that do not apply to its type null.
     */
    public static String deviceEvent(DeviceEventRecorded recorded) {
        NewDeviceEvent event = recorded.event();
        JsonArrayBuilder variables = Jsons.array();
        for (TrapVariable variable : event.variables()) {
            variables.add(Jsons.object().add("oid", variable.oid()).add("type", variable.type())
                    .add("value", variable.value()));
        }
        JsonObjectBuilder body = Jsons.object()
                .add("id", recorded.id())
                .add("device_id", event.clientId())
                .add("type", event.type().wireName())
                .add("severity", event.severity().code())
                .add("severity_name", event.severity().name().toLowerCase(Locale.ROOT))
                .add("message", event.message());
        if (event.reportedAt() == null) {
            body.addNull("reported_at");
        } else {
            body.add("reported_at", seconds(event.reportedAt()));
        }
        if (event.facility() == null) {
            body.addNull("facility");
        } else {
            body.add("facility", event.facility());
        }
        text(body, "source_address", event.sourceAddress());
        text(body, "hostname", event.hostname());
        text(body, "app_name", event.appName());
        text(body, "trap_oid", event.trapOid());
        body.add("variables", variables);
        return Jsons.object()
                .add("type", "device_event")
                .add("timestamp", seconds(event.receivedAt()))
                .add("source", recorded.device())
                .add("event", body)
                .build().toString();
    }

    static JsonObjectBuilder alert(AlertChanged change) {
        JsonObjectBuilder labels = Jsons.object();
        change.labels().forEach(labels::add);
        JsonObjectBuilder alert = Jsons.object()
                .add("id", change.alertId())
                .add("timestamp", seconds(change.time()))
                .add("component", change.component())
                .add("metric", change.metric())
                .add("labels", labels);
        number(alert, "value", change.value());
        number(alert, "threshold", change.threshold());
        alert.add("level", change.level().name())
                .add("change", change.change().name());
        text(alert, "message", change.message());
        return alert;
    }

    static String pong(Instant now) {
        return Jsons.object().add("type", "pong").add("timestamp", seconds(now)).build().toString();
    }

    static String status(int connectedClients, Instant serverStart, String serverVersion, long droppedClients) {
        return Jsons.object()
                .add("type", "status")
                .add("connected_clients", connectedClients)
                .add("server_start_time", seconds(serverStart))
                .add("server_version", serverVersion)
                .add("dropped_clients", droppedClients)
                .add("message", "Live updates are running; " + connectedClients
                        + (connectedClients == 1 ? " client is" : " clients are") + " connected")
                .build().toString();
    }

    /** The sources now received: null for every source. */
    static String subscribed(Set<String> sources) {
        JsonObjectBuilder frame = Jsons.object().add("type", "subscribed");
        if (sources == null) {
            frame.addNull("sources");
        } else {
            JsonArrayBuilder names = Jsons.array();
            new TreeSet<>(sources).forEach(names::add);
            frame.add("sources", names);
        }
        return frame.build().toString();
    }

    static String invalid(String message) {
        return Jsons.object().add("type", "error").add("message", message).add("code", INVALID_FORMAT)
                .build().toString();
    }

    private static BigDecimal seconds(Instant time) {
        return BigDecimal.valueOf(time.toEpochMilli(), 3);
    }

    private static void text(JsonObjectBuilder json, String name, String value) {
        if (value == null) {
            json.addNull(name);
        } else {
            json.add(name, value);
        }
    }

    /** JSON has no NaN or infinity: such a value is written as null rather than failing the frame. */
    private static void number(JsonObjectBuilder json, String name, double value) {
        if (Double.isFinite(value)) {
            json.add(name, value);
        } else {
            json.addNull(name);
        }
    }
}

package org.opsmon.monitoring.devicelogs.entity;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.opsmon.monitoring.platform.entity.Jsons;

/**
 * A recorded device event, as the API reads it. Rows are written by {@code DeviceEvents} in
 * batches of plain inserts (the receivers' path); JPA only reads them, so the id has no generator
 * here and nothing is updatable: an event is a fact that only retention removes.
 */
@Entity
@Table(name = "device_event")
public class DeviceEvent {

    @Id
    private Long id;

    @Column(name = "client_id", nullable = false, updatable = false)
    private long clientId;

    @Column(nullable = false, length = 16, updatable = false)
    private DeviceEventType type;

    @Column(name = "received_at", nullable = false, updatable = false)
    private OffsetDateTime receivedAt;

    @Column(name = "reported_at", updatable = false)
    private OffsetDateTime reportedAt;

    @Column(nullable = false, updatable = false)
    private short severity;

    @Column(updatable = false)
    private Short facility;

    @Column(name = "source_address", updatable = false)
    private String sourceAddress;

    @Column(updatable = false)
    private String hostname;

    @Column(name = "app_name", updatable = false)
    private String appName;

    @Column(name = "trap_oid", updatable = false)
    private String trapOid;

    @Column(updatable = false)
    private String variables;

    @Column(nullable = false, updatable = false)
    private String message;

    protected DeviceEvent() {
    }

    public Long id() {
        return id;
    }

    public long clientId() {
        return clientId;
    }

    public DeviceEventType type() {
        return type;
    }

    public OffsetDateTime receivedAt() {
        return receivedAt;
    }

    public OffsetDateTime reportedAt() {
        return reportedAt;
    }

    public EventSeverity severity() {
        return EventSeverity.ofCode(severity);
    }

    public Integer facility() {
        return facility == null ? null : facility.intValue();
    }

    public String sourceAddress() {
        return sourceAddress;
    }

    public String hostname() {
        return hostname;
    }

    public String appName() {
        return appName;
    }

    public String trapOid() {
        return trapOid;
    }

    /** A trap's variable bindings, read back from their JSON column; empty for other kinds. */
    public List<TrapVariable> variables() {
        return parseVariables(variables);
    }

    public String message() {
        return message;
    }

    /** The JSON the writer stores for variable bindings. */
    public static String variablesJson(List<TrapVariable> variables) {
        if (variables.isEmpty()) {
            return null;
        }
        var array = Jsons.array();
        variables.forEach(v -> array.add(Jsons.object().add("oid", v.oid()).add("type", v.type()).add("value", v.value())));
        return array.build().toString();
    }

    static List<TrapVariable> parseVariables(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        List<TrapVariable> parsed = new ArrayList<>();
        try (JsonReader reader = Jsons.reader(new StringReader(json))) {
            for (JsonValue item : reader.readArray()) {
                JsonObject v = item.asJsonObject();
                parsed.add(new TrapVariable(v.getString("oid"), v.getString("type"), v.getString("value")));
            }
        }
        return List.copyOf(parsed);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeviceEvent event && id != null && id.equals(event.id);
    }

    @Override
    public int hashCode() {
        return id == null ? 0 : id.hashCode();
    }
}

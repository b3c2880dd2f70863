package org.opsmon.monitoring.devices.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;
import java.util.Objects;
import org.opsmon.monitoring.clients.entity.Client;

/**
 * A network device the server polls over SNMP. Its identity is its client (same id, same name):
 * the device row adds how to reach it and what discovery and polls found. Credentials live only
 * sealed in {@code secrets}; this entity never holds them in clear.
 */
@Entity
@Table(name = "device")
@NamedQuery(name = Device.ALL, query = "SELECT d FROM Device d JOIN FETCH d.client ORDER BY d.clientId")
@NamedQuery(name = Device.COUNT, query = "SELECT COUNT(d) FROM Device d")
@NamedQuery(name = Device.ENABLED, query = "SELECT d FROM Device d JOIN FETCH d.client WHERE d.enabled = TRUE")
public class Device {

    public static final String ALL = "Device.all";
    public static final String COUNT = "Device.count";
    public static final String ENABLED = "Device.enabled";

    @Id
    @Column(name = "client_id")
    private Long clientId;

    @MapsId
    @OneToOne(optional = false)
    @JoinColumn(name = "client_id")
    private Client client;

    @Column(nullable = false, length = 255)
    private String address;

    @Column(nullable = false)
    private int port;

    @Column(nullable = false, length = 4)
    private String version;

    @Column(name = "snmp_user", length = 64)
    private String user;

    @Column(name = "auth_protocol", length = 16)
    private String authProtocol;

    @Column(name = "priv_protocol", length = 16)
    private String privProtocol;

    @Column(nullable = false, length = 2048)
    private String secrets;

    @Column(name = "poll_interval_s", nullable = false)
    private int pollIntervalSeconds;

    @Column(nullable = false)
    private boolean enabled;

    @Column(nullable = false, length = 16)
    private String status;

    @Column(name = "last_seen")
    private OffsetDateTime lastSeen;

    @Column(name = "last_polled_at")
    private OffsetDateTime lastPolledAt;

    @Column(name = "last_error", length = 512)
    private String lastError;

    @Column(name = "sys_name", length = 255)
    private String sysName;

    @Column(name = "sys_descr", length = 1024)
    private String sysDescr;

    @Column(name = "sys_object_id", length = 255)
    private String sysObjectId;

    @Column(name = "sys_uptime_s")
    private Long sysUptimeSeconds;

    @Column(name = "sys_location", length = 255)
    private String sysLocation;

    @Column(name = "sys_contact", length = 255)
    private String sysContact;

    @Column(name = "discovered_at")
    private OffsetDateTime discoveredAt;

    @Column(name = "rates_discarded", nullable = false)
    private long ratesDiscarded;

    @Column(name = "created_at", nullable = false)
    private OffsetDateTime createdAt;

    @Column(name = "updated_at", nullable = false)
    private OffsetDateTime updatedAt;

    protected Device() {
    }

    private Device(Client client, DeviceSettings settings, String sealedSecrets, OffsetDateTime now) {
        this.client = Objects.requireNonNull(client);
        this.status = DeviceStatus.UNKNOWN.code();
        this.createdAt = now;
        configure(settings, sealedSecrets, now);
    }

    /** A new device on its new client; {@code sealedSecrets} is the settings' secrets, sealed. */
    public static Device register(Client client, DeviceSettings settings, String sealedSecrets, OffsetDateTime now) {
        return new Device(client, settings, sealedSecrets, now);
    }

    /** New settings from an admin. The status stays until the next poll says otherwise. */
    public void configure(DeviceSettings settings, String sealedSecrets, OffsetDateTime now) {
        this.address = settings.address();
        this.port = settings.port();
        this.version = settings.credentials().version().code();
        this.user = settings.credentials().user();
        this.authProtocol = settings.credentials().authProtocol();
        this.privProtocol = settings.credentials().privProtocol();
        this.secrets = Objects.requireNonNull(sealedSecrets);
        this.pollIntervalSeconds = settings.pollIntervalSeconds();
        this.enabled = settings.enabled();
        this.updatedAt = now;
    }

    public void discovered(SystemFacts facts, OffsetDateTime now) {
        this.sysName = cut(facts.name(), 255);
        this.sysDescr = cut(facts.description(), 1024);
        this.sysObjectId = cut(facts.objectId(), 255);
        this.sysUptimeSeconds = facts.uptimeSeconds();
        this.sysLocation = cut(facts.location(), 255);
        this.sysContact = cut(facts.contact(), 255);
        this.discoveredAt = now;
    }

    /**
     * The device answered a poll. Returns true when that changed its status (it was offline or
     * never polled), which the caller records as a status event.
     */
    public boolean answered(OffsetDateTime at) {
        DeviceStatus before = status();
        this.status = DeviceStatus.ONLINE.code();
        this.lastSeen = at;
        this.lastPolledAt = at;
        this.lastError = null;
        return before != DeviceStatus.ONLINE;
    }

    /** The device did not answer a poll; returns true when it was online (or never polled) before. */
    public boolean silent(OffsetDateTime at, String reason) {
        DeviceStatus before = status();
        this.status = DeviceStatus.OFFLINE.code();
        this.lastPolledAt = at;
        this.lastError = cut(reason, 512);
        return before != DeviceStatus.OFFLINE;
    }

    /** Counts rates a poll discarded because they were above the interface's speed. */
    public void discardedRates(long count) {
        this.ratesDiscarded += count;
    }

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max);
    }

    public Long id() {
        return clientId;
    }

    public Client client() {
        return client;
    }

    public String name() {
        return client.name();
    }

    public String address() {
        return address;
    }

    public int port() {
        return port;
    }

    public SnmpVersion version() {
        return SnmpVersion.of(version);
    }

    public String user() {
        return user;
    }

    public String authProtocol() {
        return authProtocol;
    }

    public String privProtocol() {
        return privProtocol;
    }

    public String sealedSecrets() {
        return secrets;
    }

    public int pollIntervalSeconds() {
        return pollIntervalSeconds;
    }

    public boolean enabled() {
        return enabled;
    }

    public DeviceStatus status() {
        return DeviceStatus.of(status);
    }

    public OffsetDateTime lastSeen() {
        return lastSeen;
    }

    public OffsetDateTime lastPolledAt() {
        return lastPolledAt;
    }

    public String lastError() {
        return lastError;
    }

    public SystemFacts systemFacts() {
        return new SystemFacts(sysName, sysDescr, sysObjectId, sysUptimeSeconds, sysLocation, sysContact);
    }

    public OffsetDateTime discoveredAt() {
        return discoveredAt;
    }

    public long ratesDiscarded() {
        return ratesDiscarded;
    }

    public OffsetDateTime createdAt() {
        return createdAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Device device && client.equals(device.client);
    }

    @Override
    public int hashCode() {
        return client.hashCode();
    }
}

package org.opsmon.monitoring.devices.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.clients.control.ClientRegistry;
import org.opsmon.monitoring.clients.entity.Client;
import org.opsmon.monitoring.devices.entity.Device;
import org.opsmon.monitoring.devices.entity.DeviceFindings;
import org.opsmon.monitoring.devices.entity.DeviceInterface;
import org.opsmon.monitoring.devices.entity.DeviceSettings;
import org.opsmon.monitoring.devices.entity.InterfaceFacts;
import org.opsmon.monitoring.devices.entity.SnmpCredentials;
import org.opsmon.monitoring.devices.entity.SnmpEndpoint;
import org.opsmon.monitoring.devices.entity.SnmpVersion;
import org.opsmon.monitoring.identity.control.Accounts;
import org.opsmon.monitoring.platform.control.SecretBox;
import org.opsmon.monitoring.platform.entity.Jsons;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * The devices an admin configured: adds them (a device client plus its device row), changes and
 * removes them, keeps their credentials sealed and opens them only to build a request, and
 * stores what discovery found. Joins the caller's transaction.
 */
@ApplicationScoped
public class DeviceCatalog {

    private static final String SECRET_PURPOSE = "device.snmp";

    @PersistenceContext(unitName = "monitoring")
    EntityManager em;

    @Inject
    ClientRegistry clients;

    @Inject
    SecretBox secrets;

    @Inject
    @ConfigProperty(name = "monitoring.snmp.max-devices", defaultValue = "1000")
    int maxDevices;

    @Inject
    @ConfigProperty(name = "monitoring.snmp.poll.min-interval-s", defaultValue = "10")
    int minInterval;

    @Inject
    @ConfigProperty(name = "monitoring.snmp.poll.max-interval-s", defaultValue = "86400")
    int maxInterval;

    @Inject
    @ConfigProperty(name = "monitoring.snmp.poll.default-interval-s", defaultValue = "60")
    int defaultInterval;

    @Inject
    @ConfigProperty(name = "monitoring.snmp.timeout-ms", defaultValue = "2000")
    long timeoutMillis;

    @Inject
    @ConfigProperty(name = "monitoring.snmp.retries", defaultValue = "1")
    int retries;

    /** Settings from an API body's parts, checked against this server's bounds. */
    public DeviceSettings settings(String address, Integer port, SnmpCredentials credentials, Integer pollInterval,
                                   Boolean enabled) {
        return DeviceSettings.of(address, port, credentials, pollInterval, enabled, minInterval, maxInterval,
                defaultInterval);
    }

    /** Where to send requests for these settings, with the server's timeout and retries. */
    public SnmpEndpoint endpoint(DeviceSettings settings) {
        return new SnmpEndpoint(settings.address(), settings.port(), settings.credentials(), timeoutMillis, retries);
    }

    public SnmpEndpoint endpoint(Device device) {
        return new SnmpEndpoint(device.address(), device.port(), credentials(device), timeoutMillis, retries);
    }

    /** A device's credentials, opened from their sealed form. */
    public SnmpCredentials credentials(Device device) {
        return credentials(device.version(), device.user(), device.authProtocol(), device.privProtocol(),
                device.sealedSecrets());
    }

    private SnmpCredentials credentials(SnmpVersion version, String user, String authProtocol, String privProtocol,
                                        String sealed) {
        JsonObject open = Jsons.reader(new StringReader(secrets.open(SECRET_PURPOSE, sealed))).readObject();
        return new SnmpCredentials(version, open.getString("community", null), user, authProtocol,
                open.getString("auth_password", null), privProtocol, open.getString("priv_password", null));
    }

    @jakarta.transaction.Transactional
    public Device add(String name, DeviceSettings settings) {
        Accounts.validateUsername(name == null ? null : name);
        if (count() >= maxDevices) {
            throw RequestProblem.conflict("device_limit", "There are already " + count() + " devices, the most this "
                    + "server allows (monitoring.snmp.max-devices)");
        }
        if (clients.byName(name).isPresent()) {
            throw RequestProblem.conflict("name_taken", "The name '" + name + "' is already taken by a client or device");
        }
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Client client = Client.device(name, now);
        em.persist(client);
        Device device = Device.register(client, settings, seal(settings.credentials()), now);
        em.persist(device);
        return device;
    }

    public Device update(Device device, DeviceSettings settings) {
        device.configure(settings, seal(settings.credentials()), OffsetDateTime.now(ZoneOffset.UTC));
        return device;
    }

    /** Removes the device with its client and all its history. */
    public void remove(Device device) {
        Client client = device.client();
        em.remove(device);
        em.flush();
        clients.remove(client);
    }

    public Optional<Device> find(String reference) {
        return clients.find(reference).map(client -> em.find(Device.class, client.id()));
    }

    public Device require(String reference) {
        return find(reference).orElseThrow(() -> RequestProblem.notFound("No device '" + reference + "'"));
    }

    public Optional<Device> find(long id) {
        return Optional.ofNullable(em.find(Device.class, id));
    }

    public List<Device> all() {
        return em.createNamedQuery(Device.ALL, Device.class).getResultList();
    }

    /**
     * The opened credentials of every enabled v3 device, oldest device first: the users the trap
     * receiver authenticates v3 notifications with. Read on the caller's plain connection, not
     * through the persistence context: the receivers refresh on a scheduler thread outside any
     * bean invocation.
     */
    public List<SnmpCredentials> v3Credentials(Connection connection) throws SQLException {
        List<SnmpCredentials> users = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT snmp_user, auth_protocol, priv_protocol, "
                + "secrets FROM device WHERE enabled AND version = ? ORDER BY client_id")) {
            query.setString(1, SnmpVersion.V3.code());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    users.add(credentials(SnmpVersion.V3, rows.getString(1), rows.getString(2), rows.getString(3),
                            rows.getString(4)));
                }
            }
        }
        return users;
    }

    public List<Device> enabled() {
        return em.createNamedQuery(Device.ENABLED, Device.class).getResultList();
    }

    public long count() {
        return em.createNamedQuery(Device.COUNT, Long.class).getSingleResult();
    }

    public List<DeviceInterface> interfaces(long deviceId) {
        return em.createNamedQuery(DeviceInterface.OF_DEVICE, DeviceInterface.class).setParameter("device", deviceId)
                .getResultList();
    }

    /** Stores what discovery found: the system facts, and the interface table (rows gone from the device go). */
    public void discovered(Device device, DeviceFindings findings) {
        device.discovered(findings.system(), OffsetDateTime.now(ZoneOffset.UTC));
        Map<Integer, DeviceInterface> known = new HashMap<>();
        interfaces(device.id()).forEach(i -> known.put(i.ifIndex(), i));
        Set<Integer> present = new HashSet<>();
        for (InterfaceFacts facts : findings.interfaces()) {
            present.add(facts.index());
            DeviceInterface existing = known.get(facts.index());
            if (existing == null) {
                em.persist(DeviceInterface.discovered(device.id(), facts));
            } else {
                existing.refresh(facts);
            }
        }
        known.values().stream().filter(i -> !present.contains(i.ifIndex())).forEach(em::remove);
    }

    /**
     * The newest {@code if.in_bps} and {@code if.out_bps} of each interface of the device, by
     * {@code if_name} label: index 0 in, 1 out (null where there is none yet).
     */
    public Map<String, Double[]> latestRates(long deviceId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT s.metric, s.labels, (SELECT x.val FROM sample x "
                + "WHERE x.series_id = s.id ORDER BY x.ts DESC LIMIT 1) FROM series s "
                + "WHERE s.client_id = ? AND s.metric IN ('if.in_bps', 'if.out_bps')")
                .setParameter(1, deviceId).getResultList();
        Map<String, Double[]> rates = new HashMap<>();
        for (Object[] row : rows) {
            String name = org.opsmon.monitoring.ingest.entity.SeriesKey.labelsFromJson((String) row[1])
                    .get(PollRecorder.IF_LABEL);
            if (name != null && row[2] != null) {
                rates.computeIfAbsent(name, n -> new Double[2])["if.in_bps".equals(row[0]) ? 0 : 1] =
                        ((Number) row[2]).doubleValue();
            }
        }
        return rates;
    }

    private String seal(SnmpCredentials credentials) {
        JsonObjectBuilder open = Jsons.object();
        if (credentials.community() != null) {
            open.add("community", credentials.community());
        }
        if (credentials.authPassword() != null) {
            open.add("auth_password", credentials.authPassword());
        }
        if (credentials.privPassword() != null) {
            open.add("priv_password", credentials.privPassword());
        }
        return secrets.seal(SECRET_PURPOSE, open.build().toString());
    }
}

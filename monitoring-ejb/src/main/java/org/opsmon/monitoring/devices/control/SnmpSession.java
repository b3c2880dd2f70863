package org.opsmon.monitoring.devices.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.opsmon.monitoring.devices.entity.SnmpCredentials;
import org.opsmon.monitoring.devices.entity.SnmpEndpoint;
import org.opsmon.monitoring.devices.entity.SnmpFailure;
import org.opsmon.monitoring.devices.entity.SnmpVersion;
import org.snmp4j.PDU;
import org.snmp4j.SNMP4JSettings;
import org.snmp4j.ScopedPDU;
import org.snmp4j.Snmp;
import org.snmp4j.Target;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;
import org.snmp4j.util.DefaultPDUFactory;
import org.snmp4j.util.TableEvent;
import org.snmp4j.util.TableUtils;

/**
 * The server's one SNMP session: one UDP socket and one USM shared by every device, so a
 * thousand devices cost one socket and one listener thread, not a thousand. Requests are
 * synchronous with the endpoint's timeout and retries; failures come back as an
 * {@link SnmpFailure} with a precise reason (an unanswered v3 request is told apart from the
 * USM reports an agent sends for an unknown user, a wrong digest or a decryption error).
 *
 * <p>v3 keys are localized per engine: the device's engine id is discovered first and the user
 * is installed for that engine only. Two devices (or a device and a "test connection" call) may
 * use one user name with different passwords; requests for one (engine, user) therefore hold a
 * lock while its key is installed and used, so one never authenticates with the other's key.
 */
@ApplicationScoped
public class SnmpSession {

    /** RFC 3414 usmStats counters an agent reports instead of answering a v3 request. */
    private static final String USM_STATS = "1.3.6.1.6.3.15.1.1.";
    private static final Map<String, String[]> REPORTS = Map.of(
            USM_STATS + "1.0", new String[] {"unsupported_security_level",
                    "The device does not support this security level for the user"},
            USM_STATS + "2.0", new String[] {"not_in_time_window", "The device rejected the message's time window"},
            USM_STATS + "3.0", new String[] {"unknown_user", "The device does not know this user"},
            USM_STATS + "4.0", new String[] {"unknown_engine", "The device does not recognise its engine id"},
            USM_STATS + "5.0", new String[] {"authentication_failure",
                    "Authentication failed: wrong auth password or protocol (the digest did not match)"},
            USM_STATS + "6.0", new String[] {"decryption_error",
                    "The device could not decrypt the request: wrong privacy password or protocol"});

    @Inject
    @ConfigProperty(name = "monitoring.snmp.max-repetitions", defaultValue = "25")
    int maxRepetitions;

    private Snmp snmp;
    private USM usm;
    private final Map<String, byte[]> engineIds = new ConcurrentHashMap<>();
    private final Map<String, Object> userLocks = new ConcurrentHashMap<>();
    private final Map<String, Integer> installedUsers = new ConcurrentHashMap<>();

    public SnmpSession() {
    }

    /** A session outside the container (tests, benchmark); call {@link #open()} and {@link #close()}. */
    public SnmpSession(int maxRepetitions) {
        this.maxRepetitions = maxRepetitions;
    }

    @PostConstruct
    public void open() {
        SecurityProtocols protocols = SnmpTargets.securityProtocols();
        // Agents send the usmStats reports (wrong digest, unknown user...) unauthenticated, as they
        // must: without this SNMP4J ignores them and a wrong password looks like a dead device.
        SNMP4JSettings.setReportSecurityLevelStrategy(SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);
        try {
            snmp = new Snmp(new DefaultUdpTransportMapping());
            usm = new USM(protocols, new OctetString(MPv3.createLocalEngineID()), 0);
            // Snmp's own MPv3 holds its own security models: the USM must be registered there.
            ((MPv3) snmp.getMessageProcessingModel(MPv3.ID)).setSecurityModels(
                    new SecurityModels().addSecurityModel(usm));
            snmp.listen();
        } catch (IOException e) {
            throw new UncheckedIOException("Opening the SNMP socket failed", e);
        }
    }

    @PreDestroy
    public void close() {
        try {
            if (snmp != null) {
                snmp.close();
            }
        } catch (IOException e) {
            // Closing a UDP socket at shutdown: nothing is waiting for it.
        }
    }

    public int maxRepetitions() {
        return maxRepetitions;
    }

    /** Values of scalar objects (e.g. {@code sysUpTime.0}) in the order asked; a missing object gives null. */
    public List<VariableBinding> get(SnmpEndpoint endpoint, OID... oids) throws SnmpFailure {
        return withTarget(endpoint, target -> {
            PDU request = pdu(endpoint, PDU.GET);
            for (OID oid : oids) {
                request.add(new VariableBinding(oid));
            }
            ResponseEvent<UdpAddress> event;
            try {
                event = snmp.send(request, target);
            } catch (IOException e) {
                throw new SnmpFailure("snmp_error", "Sending the request failed: " + e.getMessage());
            }
            PDU response = answer(endpoint, event);
            List<VariableBinding> values = new ArrayList<>(oids.length);
            for (int i = 0; i < oids.length; i++) {
                VariableBinding vb = i < response.size() ? response.get(i) : null;
                values.add(vb == null || vb.isException() ? null : vb);
            }
            return values;
        });
    }

    /**
     * The rows of a table (columns sharing one index), walked with GETBULK of
     * {@code maxRepetitions} rows per request (GETNEXT for v1, which has no GETBULK).
     */
    public List<TableEvent> table(SnmpEndpoint endpoint, OID... columns) throws SnmpFailure {
        return withTarget(endpoint, target -> {
            DefaultPDUFactory factory = new DefaultPDUFactory(
                    endpoint.credentials().version() == SnmpVersion.V1 ? PDU.GETNEXT : PDU.GETBULK);
            TableUtils tables = new TableUtils(snmp, factory);
            tables.setMaxNumRowsPerPDU(maxRepetitions);
            tables.setMaxNumColumnsPerPDU(columns.length);
            List<TableEvent> rows = tables.getTable(target, columns, null, null);
            List<TableEvent> good = new ArrayList<>(rows.size());
            for (TableEvent row : rows) {
                if (row.isError()) {
                    throw tableFailure(endpoint, row);
                }
                good.add(row);
            }
            return good;
        });
    }

    private interface Request<T> {
        T send(Target<UdpAddress> target) throws SnmpFailure;
    }

    private <T> T withTarget(SnmpEndpoint endpoint, Request<T> request) throws SnmpFailure {
        UdpAddress address = SnmpTargets.address(endpoint);
        SnmpCredentials credentials = endpoint.credentials();
        if (credentials.version() != SnmpVersion.V3) {
            return request.send(SnmpTargets.target(endpoint, address, null));
        }
        byte[] engineId = engineId(endpoint, address);
        String key = HexFormat.of().formatHex(engineId) + "/" + credentials.user();
        synchronized (userLocks.computeIfAbsent(key, k -> new Object())) {
            int fingerprint = Objects.hash(credentials.authProtocol(), credentials.authPassword(),
                    credentials.privProtocol(), credentials.privPassword());
            Integer installed = installedUsers.get(key);
            if (installed == null || installed != fingerprint) {
                OctetString user = new OctetString(credentials.user());
                usm.removeAllUsers(user, new OctetString(engineId));
                usm.addUser(user, new OctetString(engineId), SnmpTargets.user(credentials));
                installedUsers.put(key, fingerprint);
            }
            try {
                return request.send(SnmpTargets.target(endpoint, address, engineId));
            } catch (SnmpFailure failure) {
                if ("unknown_engine".equals(failure.reason())) {
                    // A replaced device keeps its address but not its engine: discover it again next time.
                    engineIds.remove(address.toString());
                }
                throw failure;
            }
        }
    }

    private byte[] engineId(SnmpEndpoint endpoint, UdpAddress address) throws SnmpFailure {
        byte[] known = engineIds.get(address.toString());
        if (known != null) {
            return known;
        }
        byte[] discovered = snmp.discoverAuthoritativeEngineID(address, endpoint.worstCaseMillis());
        if (discovered == null || discovered.length == 0) {
            throw new SnmpFailure("timeout", "No answer within " + endpoint.worstCaseMillis()
                    + " ms to SNMPv3 engine discovery: the device is unreachable or does not speak SNMPv3");
        }
        engineIds.put(address.toString(), discovered);
        return discovered;
    }

    private static PDU pdu(SnmpEndpoint endpoint, int type) {
        PDU pdu = endpoint.credentials().version() == SnmpVersion.V3 ? new ScopedPDU()
                : endpoint.credentials().version() == SnmpVersion.V1 ? new org.snmp4j.PDUv1() : new PDU();
        pdu.setType(type);
        return pdu;
    }

    private static PDU answer(SnmpEndpoint endpoint, ResponseEvent<UdpAddress> event) throws SnmpFailure {
        if (event == null || event.getResponse() == null) {
            if (event != null && event.getError() != null) {
                throw new SnmpFailure("snmp_error", "The request failed: " + event.getError().getMessage());
            }
            throw timeout(endpoint);
        }
        PDU response = event.getResponse();
        if (response.getType() == PDU.REPORT) {
            throw report(response);
        }
        if (response.getErrorStatus() == PDU.authorizationError) {
            throw new SnmpFailure("not_authorized", "The device refused access (authorizationError): the user or "
                    + "community may not read these objects at this security level");
        }
        if (response.getErrorStatus() != PDU.noError) {
            throw new SnmpFailure("snmp_error", "The device answered with error " + response.getErrorStatusText()
                    + " (index " + response.getErrorIndex() + ")");
        }
        return response;
    }

    private static SnmpFailure timeout(SnmpEndpoint endpoint) {
        String why = endpoint.credentials().version() == SnmpVersion.V3 ? "the device is unreachable"
                : "wrong community or unreachable (agents drop requests with a wrong community without a word)";
        return new SnmpFailure("timeout", "No answer within " + endpoint.worstCaseMillis() + " ms (" + endpoint.timeoutMillis()
                + " ms x " + (endpoint.retries() + 1) + " tries): " + why);
    }

    private static SnmpFailure report(PDU report) {
        if (report.size() > 0) {
            String oid = report.get(0).getOid().toDottedString();
            String[] known = REPORTS.get(oid);
            if (known != null) {
                return new SnmpFailure(known[0], known[1]);
            }
            return new SnmpFailure("snmp_error", "The device sent report " + oid + " instead of an answer");
        }
        return new SnmpFailure("snmp_error", "The device sent an empty report instead of an answer");
    }

    private static SnmpFailure tableFailure(SnmpEndpoint endpoint, TableEvent row) {
        if (row.getStatus() == TableEvent.STATUS_TIMEOUT) {
            return timeout(endpoint);
        }
        if (row.getReportPDU() != null) {
            return report(row.getReportPDU());
        }
        String message = row.getErrorMessage();
        return new SnmpFailure("snmp_error", "Walking the table failed: " + (message == null
                ? "status " + row.getStatus() : message) + (row.getException() == null ? ""
                : " (" + row.getException().getMessage() + ")"));
    }
}

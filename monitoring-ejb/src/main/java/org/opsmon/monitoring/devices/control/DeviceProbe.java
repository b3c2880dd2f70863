package org.opsmon.monitoring.devices.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.opsmon.monitoring.devices.entity.DeviceFindings;
import org.opsmon.monitoring.devices.entity.InterfaceCounters;
import org.opsmon.monitoring.devices.entity.InterfaceFacts;
import org.opsmon.monitoring.devices.entity.PollReading;
import org.opsmon.monitoring.devices.entity.SnmpEndpoint;
import org.opsmon.monitoring.devices.entity.SnmpFailure;
import org.opsmon.monitoring.devices.entity.SnmpVersion;
import org.opsmon.monitoring.devices.entity.SystemFacts;
import org.opsmon.monitoring.ingest.entity.CounterWidth;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.util.TableEvent;

/**
 * What the server asks a device, by numeric OID (devices and the server need no MIB files):
 * discovery reads the system group and the interface table; a poll reads sysUpTime and the
 * interface counters in one table walk, preferring the 64-bit ifHC* counters, which a 32-bit
 * counter of a 10 Gbit/s link would wrap every 3.4 seconds.
 */
@ApplicationScoped
public class DeviceProbe {

    // system group (RFC 1213)
    static final OID SYS_DESCR = new OID("1.3.6.1.2.1.1.1.0");
    static final OID SYS_OBJECT_ID = new OID("1.3.6.1.2.1.1.2.0");
    static final OID SYS_UPTIME = new OID("1.3.6.1.2.1.1.3.0");
    static final OID SYS_CONTACT = new OID("1.3.6.1.2.1.1.4.0");
    static final OID SYS_NAME = new OID("1.3.6.1.2.1.1.5.0");
    static final OID SYS_LOCATION = new OID("1.3.6.1.2.1.1.6.0");
    // ifTable (RFC 2863)
    private static final String IF = "1.3.6.1.2.1.2.2.1.";
    static final OID IF_DESCR = new OID(IF + "2");
    static final OID IF_TYPE = new OID(IF + "3");
    static final OID IF_SPEED = new OID(IF + "5");
    static final OID IF_ADMIN = new OID(IF + "7");
    static final OID IF_OPER = new OID(IF + "8");
    static final OID IF_IN_OCTETS = new OID(IF + "10");
    static final OID IF_IN_UCAST = new OID(IF + "11");
    static final OID IF_IN_DISCARDS = new OID(IF + "13");
    static final OID IF_IN_ERRORS = new OID(IF + "14");
    static final OID IF_OUT_OCTETS = new OID(IF + "16");
    static final OID IF_OUT_UCAST = new OID(IF + "17");
    static final OID IF_OUT_DISCARDS = new OID(IF + "19");
    static final OID IF_OUT_ERRORS = new OID(IF + "20");
    // ifXTable (RFC 2863)
    private static final String IFX = "1.3.6.1.2.1.31.1.1.1.";
    static final OID IF_NAME = new OID(IFX + "1");
    static final OID IF_HC_IN_OCTETS = new OID(IFX + "6");
    static final OID IF_HC_IN_UCAST = new OID(IFX + "7");
    static final OID IF_HC_OUT_OCTETS = new OID(IFX + "10");
    static final OID IF_HC_OUT_UCAST = new OID(IFX + "11");
    static final OID IF_HIGH_SPEED = new OID(IFX + "15");
    static final OID IF_ALIAS = new OID(IFX + "18");
    static final OID IF_DISCONTINUITY = new OID(IFX + "19");

    private static final OID[] DISCOVERY_COLUMNS = {IF_DESCR, IF_TYPE, IF_SPEED, IF_ADMIN, IF_OPER, IF_NAME,
        IF_HIGH_SPEED, IF_ALIAS};
    private static final OID[] POLL_COLUMNS_32 = {IF_ADMIN, IF_OPER, IF_IN_OCTETS, IF_OUT_OCTETS, IF_IN_UCAST,
        IF_OUT_UCAST, IF_IN_ERRORS, IF_OUT_ERRORS, IF_IN_DISCARDS, IF_OUT_DISCARDS};
    private static final OID[] POLL_COLUMNS_64 = {IF_ADMIN, IF_OPER, IF_IN_OCTETS, IF_OUT_OCTETS, IF_IN_UCAST,
        IF_OUT_UCAST, IF_IN_ERRORS, IF_OUT_ERRORS, IF_IN_DISCARDS, IF_OUT_DISCARDS, IF_HC_IN_OCTETS, IF_HC_OUT_OCTETS,
        IF_HC_IN_UCAST, IF_HC_OUT_UCAST, IF_DISCONTINUITY};
    private static final String[] STATUS = {null, "up", "down", "testing", "unknown", "dormant", "notPresent",
        "lowerLayerDown"};

    @Inject
    SnmpSession session;

    public DeviceProbe() {
    }

    public DeviceProbe(SnmpSession session) {
        this.session = session;
    }

    public DeviceFindings discover(SnmpEndpoint endpoint) throws SnmpFailure {
        List<VariableBinding> sys = session.get(endpoint, SYS_NAME, SYS_DESCR, SYS_OBJECT_ID, SYS_UPTIME, SYS_LOCATION,
                SYS_CONTACT);
        SystemFacts facts = new SystemFacts(text(sys.get(0)), text(sys.get(1)), text(sys.get(2)),
                sys.get(3) == null ? null : sys.get(3).getVariable().toLong() / 100, text(sys.get(4)), text(sys.get(5)));
        List<InterfaceFacts> interfaces = new ArrayList<>();
        for (TableEvent row : session.table(endpoint, DISCOVERY_COLUMNS)) {
            VariableBinding[] c = row.getColumns();
            String descr = text(c[0]);
            String name = text(c[5]);
            Long highSpeed = number(c[6]);
            Long speed = number(c[2]);
            // ifSpeed saturates at 4294967295 for links of 4.3 Gbit/s and more: ifHighSpeed (Mbit/s) then says it.
            Long bps = highSpeed != null && highSpeed > 0 ? highSpeed * 1_000_000L : speed;
            interfaces.add(new InterfaceFacts(row.getIndex().last(), name == null || name.isEmpty() ? descr : name, descr,
                    text(c[7]), number(c[1]) == null ? null : number(c[1]).intValue(), bps, status(c[3]), status(c[4])));
        }
        return new DeviceFindings(facts, interfaces);
    }

    public PollReading poll(SnmpEndpoint endpoint) throws SnmpFailure {
        Instant at = Instant.now();
        List<VariableBinding> uptime = session.get(endpoint, SYS_UPTIME);
        if (uptime.get(0) == null) {
            throw new SnmpFailure("snmp_error", "The device did not give sysUpTime");
        }
        boolean v1 = endpoint.credentials().version() == SnmpVersion.V1;
        List<InterfaceCounters> interfaces = new ArrayList<>();
        for (TableEvent row : session.table(endpoint, v1 ? POLL_COLUMNS_32 : POLL_COLUMNS_64)) {
            interfaces.add(counters(row.getIndex().last(), row.getColumns(), v1));
        }
        return new PollReading(at, uptime.get(0).getVariable().toLong(), interfaces);
    }

    static InterfaceCounters counters(int index, VariableBinding[] c, boolean v1) {
        // Both HC octet counters or neither: mixing widths would make in and out disagree after a wrap.
        boolean hc = !v1 && counter(c[10]) != null && counter(c[11]) != null;
        return new InterfaceCounters(index, status(c[0]), status(c[1]),
                hc ? counter(c[10]) : counter(c[2]), hc ? counter(c[11]) : counter(c[3]),
                hc && counter(c[12]) != null ? counter(c[12]) : hc ? null : counter(c[4]),
                hc && counter(c[13]) != null ? counter(c[13]) : hc ? null : counter(c[5]),
                hc ? CounterWidth.BITS_64 : CounterWidth.BITS_32,
                counter(c[6]), counter(c[7]), counter(c[8]), counter(c[9]),
                v1 ? null : number(c[14]));
    }

    private static String text(VariableBinding vb) {
        if (vb == null || vb.getVariable() == null || vb.getVariable() instanceof Null) {
            return null;
        }
        Variable v = vb.getVariable();
        String value = v instanceof org.snmp4j.smi.OctetString octets ? (octets.isPrintable() ? new String(octets.getValue(),
                java.nio.charset.StandardCharsets.UTF_8) : octets.toHexString()) : v.toString();
        // Device text ends in the database and in JSON: control characters are dropped, not stored.
        return value.replaceAll("[\\p{Cntrl}&&[^\\t]]", "").trim();
    }

    private static Long number(VariableBinding vb) {
        if (vb == null || vb.getVariable() == null || vb.isException() || vb.getVariable() instanceof Null) {
            return null;
        }
        try {
            return vb.getVariable().toLong();
        } catch (UnsupportedOperationException notANumber) {
            return null;
        }
    }

    /** A counter as a double; Counter64 is unsigned, so values of 2^63 and more are read as such. */
    private static Double counter(VariableBinding vb) {
        if (vb == null || vb.getVariable() == null || vb.isException() || vb.getVariable() instanceof Null) {
            return null;
        }
        if (vb.getVariable() instanceof Counter64 c64) {
            long raw = c64.getValue();
            return raw >= 0 ? (double) raw : (double) (raw >>> 1) * 2.0 + (raw & 1);
        }
        Long value = number(vb);
        return value == null ? null : value.doubleValue();
    }

    private static String status(VariableBinding vb) {
        Long code = number(vb);
        if (code == null) {
            return "unknown";
        }
        return code > 0 && code < STATUS.length ? STATUS[code.intValue()] : "unknown";
    }
}

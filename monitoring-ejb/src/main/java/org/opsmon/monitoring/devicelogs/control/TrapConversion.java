package org.opsmon.monitoring.devicelogs.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.opsmon.monitoring.devicelogs.entity.ConvertedTrap;
import org.opsmon.monitoring.devicelogs.entity.EventSeverity;
import org.opsmon.monitoring.devicelogs.entity.TrapVariable;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.VariableBinding;

/**
 * Turns a received trap or inform into one shape. SNMPv2 traps and informs (v2c and v3) carry
 * their OID as the second binding ({@code snmpTrapOID.0}) after {@code sysUpTime.0}; an SNMPv1
 * trap is converted as RFC 3584 §3.1 says: a generic trap 0–5 becomes {@code snmpTraps.(g+1)},
 * an enterprise-specific one {@code enterprise.0.specific}, and its agent address and enterprise
 * are kept as {@code snmpTrapAddress.0} and {@code snmpTrapEnterprise.0}. A trap without its OID
 * is malformed. Severities follow what the standard traps mean; others are notices.
 */
public final class TrapConversion {

    static final OID SYS_UP_TIME = new OID("1.3.6.1.2.1.1.3.0");
    static final OID SNMP_TRAP_OID = new OID("1.3.6.1.6.3.1.1.4.1.0");
    static final OID SNMP_TRAP_ENTERPRISE = new OID("1.3.6.1.6.3.1.1.4.3.0");
    static final OID SNMP_TRAP_ADDRESS = new OID("1.3.6.1.6.3.18.1.3.0");
    static final String SNMP_TRAPS = "1.3.6.1.6.3.1.1.5.";
    private static final int MAX_SUMMARY_VARIABLES = 8;

    private record Known(String name, EventSeverity severity) {
    }

    private static final Map<String, Known> STANDARD = Map.of(
            SNMP_TRAPS + "1", new Known("coldStart", EventSeverity.NOTICE),
            SNMP_TRAPS + "2", new Known("warmStart", EventSeverity.NOTICE),
            SNMP_TRAPS + "3", new Known("linkDown", EventSeverity.ERROR),
            SNMP_TRAPS + "4", new Known("linkUp", EventSeverity.NOTICE),
            SNMP_TRAPS + "5", new Known("authenticationFailure", EventSeverity.WARNING),
            SNMP_TRAPS + "6", new Known("egpNeighborLoss", EventSeverity.WARNING));

    private TrapConversion() {
    }

    public static ConvertedTrap convert(PDU pdu) throws MalformedTrapException {
        if (pdu instanceof PDUv1 v1) {
            return v1(v1);
        }
        if (pdu.getType() != PDU.TRAP && pdu.getType() != PDU.INFORM) {
            throw new MalformedTrapException("a " + PDU.getTypeString(pdu.getType()) + " is not a notification");
        }
        List<? extends VariableBinding> bindings = pdu.getVariableBindings();
        int at = 0;
        if (at < bindings.size() && SYS_UP_TIME.equals(bindings.get(at).getOid())) {
            at++;
        }
        if (at >= bindings.size() || !SNMP_TRAP_OID.equals(bindings.get(at).getOid())
                || bindings.get(at).getVariable().getSyntax() != SMIConstants.SYNTAX_OBJECT_IDENTIFIER) {
            throw new MalformedTrapException("no snmpTrapOID.0 after sysUpTime.0");
        }
        String trapOid = bindings.get(at).getVariable().toString();
        List<TrapVariable> variables = new ArrayList<>();
        for (int i = at + 1; i < bindings.size(); i++) {
            variables.add(variable(bindings.get(i)));
        }
        return converted(trapOid, variables);
    }

    private static ConvertedTrap v1(PDUv1 pdu) throws MalformedTrapException {
        if (pdu.getType() != PDU.V1TRAP) {
            throw new MalformedTrapException("an SNMPv1 " + PDU.getTypeString(pdu.getType()) + " is not a trap");
        }
        int generic = pdu.getGenericTrap();
        OID enterprise = pdu.getEnterprise();
        String trapOid;
        if (generic >= 0 && generic <= 5) {
            trapOid = SNMP_TRAPS + (generic + 1);
        } else if (generic == PDUv1.ENTERPRISE_SPECIFIC && enterprise != null && enterprise.size() > 0) {
            trapOid = enterprise + ".0." + pdu.getSpecificTrap();
        } else {
            throw new MalformedTrapException("generic trap " + generic + " is not 0 to 6 with an enterprise");
        }
        List<TrapVariable> variables = new ArrayList<>();
        pdu.getVariableBindings().forEach(b -> variables.add(variable(b)));
        if (pdu.getAgentAddress() != null) {
            variables.add(new TrapVariable(SNMP_TRAP_ADDRESS.toDottedString(), "IpAddress", pdu.getAgentAddress().toString()));
        }
        if (enterprise != null) {
            variables.add(new TrapVariable(SNMP_TRAP_ENTERPRISE.toDottedString(), "OBJECT IDENTIFIER", enterprise.toString()));
        }
        return converted(trapOid, variables);
    }

    private static ConvertedTrap converted(String trapOid, List<TrapVariable> variables) {
        Known known = STANDARD.get(trapOid);
        StringBuilder summary = new StringBuilder(known == null ? trapOid : known.name());
        for (int i = 0; i < variables.size() && i < MAX_SUMMARY_VARIABLES; i++) {
            TrapVariable v = variables.get(i);
            summary.append(' ').append(v.oid()).append('=').append(v.value());
        }
        if (variables.size() > MAX_SUMMARY_VARIABLES) {
            summary.append(" (").append(variables.size() - MAX_SUMMARY_VARIABLES).append(" more)");
        }
        return new ConvertedTrap(trapOid, variables, known == null ? EventSeverity.NOTICE : known.severity(),
                summary.toString());
    }

    /** Printable octet strings read as text, others in hex, every other type as SNMP4J writes it. */
    static TrapVariable variable(VariableBinding binding) {
        String value;
        if (binding.getVariable() instanceof OctetString octets) {
            value = octets.isPrintable() ? new String(octets.getValue(), java.nio.charset.StandardCharsets.UTF_8)
                    : octets.toHexString();
        } else {
            value = binding.getVariable().toString();
        }
        return new TrapVariable(binding.getOid().toDottedString(), binding.getVariable().getSyntaxString(), value);
    }
}

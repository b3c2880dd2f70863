package org.opsmon.monitoring.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;

/**
 * What every simulated device holds: the system group and an interface table (ifTable and
 * ifXTable columns the server reads) of a fixed number of 1 Gbit/s Ethernet interfaces, in
 * lexicographic OID order so GETNEXT and GETBULK are a binary search. Values are functions of
 * the time since the agents started: each interface of each device moves its own steady number
 * of bytes per second (between 1 and 100 Mbit/s), so counters grow, the 32-bit ones wrap as on
 * a real device, and rates the server derives are positive and below the link's speed.
 */
final class SimulatedMib {

    private static final String SYSTEM = "1.3.6.1.2.1.1.";
    private static final String IF_TABLE = "1.3.6.1.2.1.2.2.1.";
    private static final String IFX_TABLE = "1.3.6.1.2.1.31.1.1.1.";
    private static final long SPEED_BPS = 1_000_000_000L;
    /** Average frame size the packet counters assume. */
    private static final long BYTES_PER_PACKET = 800;

    /** What an OID holds; the interface columns are per ifIndex. */
    private enum Kind {
        SYS_DESCR(SYSTEM + "1", false), SYS_OBJECT_ID(SYSTEM + "2", false), SYS_UPTIME(SYSTEM + "3", false),
        SYS_CONTACT(SYSTEM + "4", false), SYS_NAME(SYSTEM + "5", false), SYS_LOCATION(SYSTEM + "6", false),
        IF_INDEX(IF_TABLE + "1", false), IF_DESCR(IF_TABLE + "2", false), IF_TYPE(IF_TABLE + "3", false),
        IF_SPEED(IF_TABLE + "5", false), IF_ADMIN(IF_TABLE + "7", false), IF_OPER(IF_TABLE + "8", false),
        IF_IN_OCTETS(IF_TABLE + "10", true), IF_IN_UCAST(IF_TABLE + "11", true), IF_IN_DISCARDS(IF_TABLE + "13", true),
        IF_IN_ERRORS(IF_TABLE + "14", true), IF_OUT_OCTETS(IF_TABLE + "16", true), IF_OUT_UCAST(IF_TABLE + "17", true),
        IF_OUT_DISCARDS(IF_TABLE + "19", true), IF_OUT_ERRORS(IF_TABLE + "20", true),
        IF_NAME(IFX_TABLE + "1", false), IF_HC_IN_OCTETS(IFX_TABLE + "6", true), IF_HC_IN_UCAST(IFX_TABLE + "7", true),
        IF_HC_OUT_OCTETS(IFX_TABLE + "10", true), IF_HC_OUT_UCAST(IFX_TABLE + "11", true),
        IF_HIGH_SPEED(IFX_TABLE + "15", false), IF_ALIAS(IFX_TABLE + "18", false),
        IF_DISCONTINUITY(IFX_TABLE + "19", false);

        final OID column;
        final boolean counter;

        Kind(String column, boolean counter) {
            this.column = new OID(column);
            this.counter = counter;
        }

        boolean scalar() {
            return column.toDottedString().startsWith(SYSTEM);
        }
    }

    private final int interfaces;
    private final long startMillis;
    private final OID[] oids;
    private final Kind[] kinds;
    private final int[] ifIndexes;

    SimulatedMib(int interfaces, long startMillis) {
        if (interfaces < 1) {
            throw new IllegalArgumentException("a device needs at least one interface, got " + interfaces);
        }
        this.interfaces = interfaces;
        this.startMillis = startMillis;
        List<Object[]> entries = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (kind.scalar()) {
                entries.add(new Object[] {new OID(kind.column).append(0), kind, 0});
            } else {
                for (int i = 1; i <= interfaces; i++) {
                    entries.add(new Object[] {new OID(kind.column).append(i), kind, i});
                }
            }
        }
        entries.sort((a, b) -> ((OID) a[0]).compareTo((OID) b[0]));
        oids = new OID[entries.size()];
        kinds = new Kind[entries.size()];
        ifIndexes = new int[entries.size()];
        for (int i = 0; i < oids.length; i++) {
            oids[i] = (OID) entries.get(i)[0];
            kinds[i] = (Kind) entries.get(i)[1];
            ifIndexes[i] = (Integer) entries.get(i)[2];
        }
    }

    int interfaces() {
        return interfaces;
    }

    int size() {
        return oids.length;
    }

    OID oid(int at) {
        return oids[at];
    }

    boolean isCounter(int at) {
        return kinds[at].counter;
    }

    /** Position of exactly this OID, or -1. */
    int indexOf(OID oid) {
        int at = Arrays.binarySearch(oids, oid);
        return at >= 0 ? at : -1;
    }

    /** Position of the first OID after this one (what GETNEXT answers), or -1 past the end. */
    int indexAfter(OID oid) {
        int at = Arrays.binarySearch(oids, oid);
        int next = at >= 0 ? at + 1 : -at - 1;
        return next < oids.length ? next : -1;
    }

    /** The value at a position for one device at a moment (epoch milliseconds). */
    Variable value(int device, int at, long nowMillis) {
        int ifIndex = ifIndexes[at];
        long elapsedMillis = Math.max(0, nowMillis - startMillis);
        return switch (kinds[at]) {
            case SYS_DESCR -> new OctetString("Simulated switch " + (device + 1) + " with " + interfaces + " ports");
            case SYS_OBJECT_ID -> new OID("1.3.6.1.4.1.8072.3.2.10");
            case SYS_UPTIME -> new TimeTicks(elapsedMillis / 10 % 4294967296L);
            case SYS_CONTACT -> new OctetString("bench");
            case SYS_NAME -> new OctetString("sim-" + (device + 1));
            case SYS_LOCATION -> new OctetString("loopback");
            case IF_INDEX -> new Integer32(ifIndex);
            case IF_DESCR, IF_NAME -> new OctetString("ge-0/0/" + ifIndex);
            case IF_ALIAS -> new OctetString("simulated link " + ifIndex);
            case IF_TYPE -> new Integer32(6);
            case IF_SPEED -> new Gauge32(SPEED_BPS);
            case IF_HIGH_SPEED -> new Gauge32(SPEED_BPS / 1_000_000);
            case IF_ADMIN, IF_OPER -> new Integer32(1);
            case IF_DISCONTINUITY -> new TimeTicks(0);
            case IF_IN_OCTETS -> new Counter32(octets(device, ifIndex, elapsedMillis, 1) & 0xFFFFFFFFL);
            case IF_OUT_OCTETS -> new Counter32(octets(device, ifIndex, elapsedMillis, 2) & 0xFFFFFFFFL);
            case IF_IN_UCAST -> new Counter32(octets(device, ifIndex, elapsedMillis, 1) / BYTES_PER_PACKET & 0xFFFFFFFFL);
            case IF_OUT_UCAST -> new Counter32(octets(device, ifIndex, elapsedMillis, 2) / BYTES_PER_PACKET & 0xFFFFFFFFL);
            case IF_HC_IN_OCTETS -> new Counter64(octets(device, ifIndex, elapsedMillis, 1));
            case IF_HC_OUT_OCTETS -> new Counter64(octets(device, ifIndex, elapsedMillis, 2));
            case IF_HC_IN_UCAST -> new Counter64(octets(device, ifIndex, elapsedMillis, 1) / BYTES_PER_PACKET);
            case IF_HC_OUT_UCAST -> new Counter64(octets(device, ifIndex, elapsedMillis, 2) / BYTES_PER_PACKET);
            // A few errors and discards a minute, so these rates are not all zero either.
            case IF_IN_ERRORS, IF_OUT_ERRORS -> new Counter32(elapsedMillis / 20_000);
            case IF_IN_DISCARDS, IF_OUT_DISCARDS -> new Counter32(elapsedMillis / 15_000);
        };
    }

    /** Bytes moved since the start at this interface's own steady rate; direction 1 in, 2 out. */
    static long octets(int device, int ifIndex, long elapsedMillis, int direction) {
        return bytesPerSecond(device, ifIndex, direction) * elapsedMillis / 1000;
    }

    /** Between 1 and 100 Mbit/s, spread over devices and interfaces by a fixed hash. */
    static long bytesPerSecond(int device, int ifIndex, int direction) {
        int spread = Math.floorMod((device * 31 + ifIndex) * 17 + direction * 7, 100);
        return (1 + spread) * 125_000L;
    }

    @Override
    public String toString() {
        return interfaces + " interfaces, " + oids.length + " objects";
    }
}

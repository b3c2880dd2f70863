package org.opsmon.monitoring.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.Snmp;
import org.snmp4j.TransportMapping;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Many SNMP v1/v2c agents in this JVM, one per UDP port on 127.0.0.1, all answering GET,
 * GETNEXT and GETBULK over one simulated MIB ({@link SimulatedMib}). Nothing is stored per
 * object: each value is computed from the clock when asked, so the agents' cost grows with the
 * requests the server sends, not with the number of devices or interfaces, and stays small next
 * to the server it measures. It is written on SNMP4J's command-responder API rather than on a
 * full agent framework because the benchmark needs exactly this read-only table and hundreds of
 * agents, each of which a framework would give its own MIB server, configuration files and
 * threads.
 */
final class SimulatedDevices implements CommandResponder, AutoCloseable {

    private final SimulatedMib mib;
    private final OctetString community;
    private final Snmp snmp;
    private final Map<TransportMapping<?>, Integer> deviceOfPort = new IdentityHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong counterValues = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    private SimulatedDevices(SimulatedMib mib, String community, Snmp snmp) {
        this.mib = mib;
        this.community = new OctetString(community);
        this.snmp = snmp;
    }

    /** Starts {@code devices} agents on ports {@code basePort ...}; closes what it opened if one port is taken. */
    static SimulatedDevices start(SimulatedMib mib, String community, int devices, int basePort) throws IOException {
        MessageDispatcher dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        Snmp snmp = new Snmp(dispatcher);
        SimulatedDevices agents = new SimulatedDevices(mib, community, snmp);
        try {
            for (int d = 0; d < devices; d++) {
                DefaultUdpTransportMapping port = new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/" + (basePort + d)));
                agents.deviceOfPort.put(port, d);
                snmp.addTransportMapping(port);
            }
            snmp.addCommandResponder(agents);
            snmp.listen();
        } catch (IOException e) {
            agents.close();
            throw new IOException("Opening UDP port " + basePort + " to " + (basePort + devices - 1)
                    + " on 127.0.0.1 failed (" + e.getMessage() + "); choose another --base-port", e);
        }
        return agents;
    }

    @Override
    public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
        Integer device = deviceOfPort.get(event.getTransportMapping());
        PDU request = event.getPDU();
        if (device == null || request == null) {
            return;
        }
        if (!community.equals(new OctetString(event.getSecurityName()))) {
            // As a real agent does: a wrong community gets no answer at all.
            refused.incrementAndGet();
            event.setProcessed(true);
            return;
        }
        requests.incrementAndGet();
        boolean v1 = event.getMessageProcessingModel() == org.snmp4j.mp.MessageProcessingModel.MPv1;
        long now = System.currentTimeMillis();
        PDU response = (PDU) request.clone();
        // clear() also zeroes the request id, which the answer must echo.
        response.clear();
        response.setRequestID(request.getRequestID());
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(PDU.noError);
        response.setErrorIndex(0);
        List<VariableBinding> answer = switch (request.getType()) {
            case PDU.GET -> get(device, request, now, v1, response);
            case PDU.GETNEXT -> next(device, request.getVariableBindings(), now, v1, response);
            case PDU.GETBULK -> bulk(device, request, now, event.getMaxSizeResponsePDU());
            default -> null;
        };
        if (answer == null) {
            return;
        }
        if (response.getErrorStatus() == PDU.noError) {
            response.addAll(answer);
        } else {
            response.addAll(request.getVariableBindings());
        }
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
                    event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
                    event.getStateReference(), new StatusInformation());
        } catch (MessageException e) {
            // The poller sees a timeout for this request; that is what the figures then report.
            refused.incrementAndGet();
        }
        event.setProcessed(true);
    }

    private List<VariableBinding> get(int device, PDU request, long now, boolean v1, PDU response) {
        List<VariableBinding> out = new ArrayList<>(request.size());
        for (int i = 0; i < request.size(); i++) {
            OID oid = request.get(i).getOid();
            int at = mib.indexOf(oid);
            if (at < 0) {
                if (v1) {
                    response.setErrorStatus(PDU.noSuchName);
                    response.setErrorIndex(i + 1);
                    return out;
                }
                out.add(new VariableBinding(oid, Null.noSuchObject));
            } else {
                out.add(value(device, at, now));
            }
        }
        return out;
    }

    private List<VariableBinding> next(int device, List<? extends VariableBinding> asked, long now, boolean v1,
                                       PDU response) {
        List<VariableBinding> out = new ArrayList<>(asked.size());
        for (int i = 0; i < asked.size(); i++) {
            OID oid = asked.get(i).getOid();
            int at = mib.indexAfter(oid);
            if (at < 0) {
                if (v1) {
                    response.setErrorStatus(PDU.noSuchName);
                    response.setErrorIndex(i + 1);
                    return out;
                }
                out.add(new VariableBinding(oid, Null.endOfMibView));
            } else {
                out.add(value(device, at, now));
            }
        }
        return out;
    }

    /** RFC 3416 GETBULK: non-repeaters once, then the repeaters row by row, cut short before the message gets too big. */
    private List<VariableBinding> bulk(int device, PDU request, long now, int maxSize) {
        int nonRepeaters = Math.max(0, Math.min(request.getNonRepeaters(), request.size()));
        int repetitions = Math.max(0, request.getMaxRepetitions());
        List<VariableBinding> out = new ArrayList<>();
        // Room for the message and PDU headers; each binding then counts its own encoded length.
        int room = maxSize - 100;
        for (int i = 0; i < nonRepeaters; i++) {
            VariableBinding vb = nextOf(device, request.get(i).getOid(), now);
            room -= vb.getBERLength();
            if (room < 0) {
                return out;
            }
            out.add(vb);
        }
        OID[] cursor = new OID[request.size() - nonRepeaters];
        for (int i = 0; i < cursor.length; i++) {
            cursor[i] = request.get(nonRepeaters + i).getOid();
        }
        for (int r = 0; r < repetitions; r++) {
            boolean allEnded = true;
            for (int i = 0; i < cursor.length; i++) {
                VariableBinding vb = nextOf(device, cursor[i], now);
                room -= vb.getBERLength();
                if (room < 0) {
                    return out;
                }
                out.add(vb);
                if (!vb.isException()) {
                    cursor[i] = vb.getOid();
                    allEnded = false;
                }
            }
            if (allEnded) {
                break;
            }
        }
        return out;
    }

    private VariableBinding nextOf(int device, OID oid, long now) {
        int at = mib.indexAfter(oid);
        return at < 0 ? new VariableBinding(oid, Null.endOfMibView) : value(device, at, now);
    }

    private VariableBinding value(int device, int at, long now) {
        if (mib.isCounter(at)) {
            counterValues.incrementAndGet();
        }
        return new VariableBinding(mib.oid(at), mib.value(device, at, now));
    }

    /** Requests answered, counter values handed out, and requests dropped (wrong community, unsendable answer). */
    long requests() {
        return requests.get();
    }

    long counterValues() {
        return counterValues.get();
    }

    long refused() {
        return refused.get();
    }

    @Override
    public void close() {
        try {
            snmp.close();
        } catch (IOException e) {
            // Closing loopback sockets at the end of a run: nothing left to tell anyone.
        }
    }
}

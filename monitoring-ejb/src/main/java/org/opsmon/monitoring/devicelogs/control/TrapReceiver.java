package org.opsmon.monitoring.devicelogs.control;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opsmon.monitoring.devicelogs.control.DeviceLogCounters.Outcome;
import org.opsmon.monitoring.devicelogs.entity.ConvertedTrap;
import org.opsmon.monitoring.devicelogs.entity.NewDeviceEvent;
import org.opsmon.monitoring.devices.control.SnmpTargets;
import org.opsmon.monitoring.devices.entity.SnmpCredentials;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.event.CounterEvent;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Receives SNMP notifications on a UDP transport of its own (not the poller's): SNMPv1 and
 * SNMPv2c traps, SNMPv3 traps, and v2c and v3 informs, which are answered as RFC 3416 requires so
 * the sender stops retrying.
 *
 * <p>v3 messages are checked by a USM of the receiver's own holding the users of the v3 devices
 * ({@link #useV3Users}). Their keys are localized with the engine id of the authoritative side:
 * for a trap that is the sender, whose engine id the receiver does not know in advance, so the
 * users are added without an engine id and SNMP4J localizes them for each sending engine on
 * first use; for an inform it is this receiver, which a sender learns by engine discovery. USM
 * rejections (unknown user, wrong digest, undecryptable, out of time window) never reach
 * {@link #processPdu}; they are counted from the USM's counter events. The sender's address, not the community, says which device it is: a trap from an
 * address that is no enabled device is counted and dropped before it is decoded further. The
 * transport's one listening thread only converts and queues; nothing here waits on the database.
 */
public final class TrapReceiver implements CommandResponder, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TrapReceiver.class.getName());

    private final String bind;
    private final int port;
    private final DeviceLogIntake intake;
    private final DeviceLogCounters counters;
    private final CounterSupport usmCounters = new CounterSupport();
    private final USM usm;
    /** Guarded by this: the credentials each v3 user name is installed with. */
    private Map<String, SnmpCredentials> v3Users = Map.of();
    private DefaultUdpTransportMapping transport;
    private MessageDispatcher dispatcher;

    public TrapReceiver(String bind, int port, DeviceLogIntake intake, DeviceLogCounters counters) {
        this.bind = bind;
        this.port = port;
        this.intake = intake;
        this.counters = counters;
        this.usm = new USM(SnmpTargets.securityProtocols(), new OctetString(MPv3.createLocalEngineID()), 0, usmCounters);
        usmCounters.addCounterListener(this::usmRejected);
    }

    public void start() throws IOException {
        transport = new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getByName(bind), port));
        dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        SecurityProtocols protocols = SnmpTargets.securityProtocols();
        dispatcher.addMessageProcessingModel(new MPv3(usm.getLocalEngineID().getValue(), null, protocols,
                new SecurityModels().addSecurityModel(usm), usmCounters));
        dispatcher.addCommandResponder(this);
        transport.addTransportListener(dispatcher);
        transport.listen();
    }

    /** The port listened on (the configured one, or the one taken for port 0). */
    public int port() {
        return transport.getListenAddress().getPort();
    }

    /**
     * Installs the users of the v3 devices, replacing those of an earlier call: a user whose
     * protocols or passwords changed is removed with every key localized from the old ones, a
     * user no device has any more is removed. A user name can hold one set of keys only; where
     * devices give one name different passwords, the first in the list (the oldest device) wins.
     *
     * @return the user names whose keys were ambiguous, for the caller to report
     */
    public synchronized List<String> useV3Users(List<SnmpCredentials> credentials) {
        Map<String, SnmpCredentials> wanted = new LinkedHashMap<>();
        List<String> ambiguous = new ArrayList<>();
        for (SnmpCredentials user : credentials) {
            SnmpCredentials first = wanted.putIfAbsent(user.user(), user);
            if (first != null && !first.equals(user) && !ambiguous.contains(user.user())) {
                ambiguous.add(user.user());
            }
        }
        for (Map.Entry<String, SnmpCredentials> installed : v3Users.entrySet()) {
            if (!installed.getValue().equals(wanted.get(installed.getKey()))) {
                usm.removeAllUsers(new OctetString(installed.getKey()));
            }
        }
        for (Map.Entry<String, SnmpCredentials> user : wanted.entrySet()) {
            if (!user.getValue().equals(v3Users.get(user.getKey()))) {
                // No engine id: localized on demand for each sender's engine (and ours, for informs).
                usm.addUser(SnmpTargets.user(user.getValue()));
            }
        }
        v3Users = new HashMap<>(wanted);
        return List.copyOf(ambiguous);
    }

    /** A v3 message the USM refused: counted by reason, never decoded further. */
    private void usmRejected(CounterEvent event) {
        OID counter = event.getOid();
        if (SnmpConstants.usmStatsUnknownUserNames.equals(counter)) {
            counters.add(Outcome.TRAPS_V3_UNKNOWN_USER);
        } else if (SnmpConstants.usmStatsWrongDigests.equals(counter)) {
            counters.add(Outcome.TRAPS_V3_AUTHENTICATION_FAILED);
        } else if (SnmpConstants.usmStatsDecryptionErrors.equals(counter)) {
            counters.add(Outcome.TRAPS_V3_DECRYPTION_FAILED);
        } else if (SnmpConstants.usmStatsUnsupportedSecLevels.equals(counter)) {
            counters.add(Outcome.TRAPS_V3_UNSUPPORTED_SECURITY_LEVEL);
        } else if (SnmpConstants.usmStatsNotInTimeWindows.equals(counter)) {
            counters.add(Outcome.TRAPS_V3_NOT_IN_TIME_WINDOW);
        }
        // usmStatsUnknownEngineIDs is a sender discovering this receiver's engine before an inform: no failure.
    }

    @Override
    public <A extends org.snmp4j.smi.Address> void processPdu(CommandResponderEvent<A> event) {
        PDU pdu = event.getPDU();
        if (pdu == null) {
            return;
        }
        event.setProcessed(true);
        try {
            if (!(event.getPeerAddress() instanceof IpAddress peer)) {
                return;
            }
            DeviceDirectory.Device device = intake.trapSender(peer.getInetAddress());
            if (device == null) {
                return;
            }
            ConvertedTrap trap;
            try {
                trap = TrapConversion.convert(pdu);
            } catch (MalformedTrapException e) {
                counters.add(Outcome.TRAPS_MALFORMED);
                return;
            }
            if (pdu.getType() == PDU.INFORM) {
                acknowledge(event, pdu);
            }
            intake.offer(NewDeviceEvent.trap(device.clientId(), intake.now(), peer.getInetAddress().getHostAddress(),
                    trap.severity(), trap.trapOid(), trap.variables(), trap.message()));
        } catch (RuntimeException e) {
            counters.add(Outcome.TRAPS_MALFORMED);
            LOG.log(Level.FINE, "A notification could not be handled", e);
        }
    }

    /** The response an inform asks for: the same bindings, no error (RFC 3416 §4.2.7). */
    private static <A extends org.snmp4j.smi.Address> void acknowledge(CommandResponderEvent<A> event, PDU inform) {
        PDU response = (PDU) inform.clone();
        response.setType(PDU.RESPONSE);
        response.setErrorStatus(PDU.noError);
        response.setErrorIndex(0);
        try {
            event.getMessageDispatcher().returnResponsePdu(event.getMessageProcessingModel(), event.getSecurityModel(),
                    event.getSecurityName(), event.getSecurityLevel(), response, event.getMaxSizeResponsePDU(),
                    event.getStateReference(), new StatusInformation());
        } catch (MessageException e) {
            LOG.log(Level.FINE, "An inform could not be answered", e);
        }
    }

    @Override
    public void close() {
        if (transport != null) {
            try {
                transport.close();
            } catch (IOException e) {
                // Closing at shutdown: nothing more to do.
            }
        }
    }
}

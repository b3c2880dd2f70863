package org.opsmon.monitoring.devicelogs.control;

import java.io.IOException;
import java.net.InetAddress;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.opsmon.monitoring.devicelogs.control.DeviceLogCounters.Outcome;
import org.opsmon.monitoring.devicelogs.entity.ConvertedTrap;
import org.opsmon.monitoring.devicelogs.entity.NewDeviceEvent;
import org.snmp4j.CommandResponder;
import org.snmp4j.CommandResponderEvent;
import org.snmp4j.MessageDispatcher;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.MessageException;
import org.snmp4j.PDU;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.StatusInformation;
import org.snmp4j.smi.IpAddress;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * Receives SNMP notifications on a UDP transport of its own (not the poller's): SNMPv1 and
 * SNMPv2c traps and v2c informs, which are answered as RFC 3416 requires so the sender stops
 * retrying. The sender's address, not the community, says which device it is: a trap from an
 * address that is no enabled device is counted and dropped before it is decoded further. The
 * transport's one listening thread only converts and queues; nothing here waits on the database.
 */
public final class TrapReceiver implements CommandResponder, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(TrapReceiver.class.getName());

    private final String bind;
    private final int port;
    private final DeviceLogIntake intake;
    private final DeviceLogCounters counters;
    private DefaultUdpTransportMapping transport;
    private MessageDispatcher dispatcher;

    public TrapReceiver(String bind, int port, DeviceLogIntake intake, DeviceLogCounters counters) {
        this.bind = bind;
        this.port = port;
        this.intake = intake;
        this.counters = counters;
    }

    public void start() throws IOException {
        transport = new DefaultUdpTransportMapping(new UdpAddress(InetAddress.getByName(bind), port));
        dispatcher = new MessageDispatcherImpl();
        dispatcher.addMessageProcessingModel(new MPv1());
        dispatcher.addMessageProcessingModel(new MPv2c());
        dispatcher.addCommandResponder(this);
        transport.addTransportListener(dispatcher);
        transport.listen();
    }

    /** The port listened on (the configured one, or the one taken for port 0). */
    public int port() {
        return transport.getListenAddress().getPort();
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

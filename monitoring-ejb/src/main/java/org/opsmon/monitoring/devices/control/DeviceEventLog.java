package org.opsmon.monitoring.devices.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.logging.Logger;
import org.opsmon.monitoring.devices.entity.DeviceChange;

/**
 * Writes every device status and interface change to the server log, where operators grep for
 * flapping links. Stored device events observe the same {@link DeviceChange} event in the poll's
 * transaction ({@code devicelogs}); this line keeps them greppable in the server log too.
 */
@ApplicationScoped
public class DeviceEventLog {

    private static final Logger LOG = Logger.getLogger(DeviceEventLog.class.getName());

    void log(@Observes DeviceChange change) {
        LOG.info(change::message);
    }
}

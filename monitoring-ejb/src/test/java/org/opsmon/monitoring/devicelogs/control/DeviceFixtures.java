package org.opsmon.monitoring.devicelogs.control;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.opsmon.monitoring.platform.control.FreshDatabase;

/** Device rows for tests and a wait for a condition (polled, never a fixed sleep). */
final class DeviceFixtures {

    private DeviceFixtures() {
    }

    /** A device: its client row and its device row (the columns the receivers read). */
    static long device(FreshDatabase db, String name, String address) throws Exception {
        long id = db.number("INSERT INTO client (id, name, kind, registered_at) "
                + "VALUES (nextval('client_seq'), ?, 'device', CURRENT_TIMESTAMP) RETURNING id", name);
        db.update("INSERT INTO device (client_id, address, port, version, secrets, poll_interval_s, enabled, status, "
                + "created_at, updated_at) VALUES (?, ?, 161, 'v2c', '', 60, TRUE, 'unknown', CURRENT_TIMESTAMP, "
                + "CURRENT_TIMESTAMP)", id, address);
        return id;
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}

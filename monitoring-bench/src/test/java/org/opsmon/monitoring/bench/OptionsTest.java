package org.opsmon.monitoring.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Mistakes on the command line stop the bench with exit code 2 before it sends anything. */
class OptionsTest {

    @Test
    void durationsFollowTheAgentsRules() {
        assertEquals(2, Options.execute("--admin-password", "x", "--duration", "5x"));
        assertEquals(2, Options.execute("--admin-password", "x", "--warmup", "-1s"));
    }

    @Test
    void moreWorkersThanClientsOrZeroCountsAreRefused() {
        assertEquals(2, Options.execute("--admin-password", "x", "--clients", "2", "--concurrency", "3"));
        assertEquals(2, Options.execute("--admin-password", "x", "--batch", "0"));
        assertEquals(2, Options.execute("--admin-password", "x", "--clients", "many"));
    }

    @Test
    void helpIsNotAnError() {
        assertEquals(0, Options.execute("--help"));
    }
}

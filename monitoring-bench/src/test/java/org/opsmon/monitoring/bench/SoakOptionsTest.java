package org.opsmon.monitoring.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A soak that could not measure what it claims is refused (exit code 2) before it sends anything. */
class SoakOptionsTest {

    @Test
    void warmUpMustLeaveASampleBeforeTheEnd() {
        assertEquals(2, SoakOptions.execute("--admin-password", "x", "--duration", "3m", "--warmup", "3m"));
        assertEquals(2, SoakOptions.execute("--admin-password", "x", "--duration", "3m", "--warmup", "150s"));
    }

    @Test
    void agentsCannotSendTwiceASecond() {
        assertEquals(2, SoakOptions.execute("--admin-password", "x", "--interval", "500ms"));
    }

    @Test
    void countsAndBoundsMustMakeSense() {
        assertEquals(2, SoakOptions.execute("--admin-password", "x", "--agents", "5", "--stream-agents", "6"));
        assertEquals(2, SoakOptions.execute("--admin-password", "x", "--hostile", "-1"));
        assertEquals(2, SoakOptions.execute("--admin-password", "x", "--rss-growth-mib", "-5"));
        assertEquals(2, SoakOptions.execute("--duration", "3m", "--warmup", "1m"), "no admin password");
    }

    @Test
    void helpIsNotAnError() {
        assertEquals(0, SoakOptions.execute("--help"));
    }
}

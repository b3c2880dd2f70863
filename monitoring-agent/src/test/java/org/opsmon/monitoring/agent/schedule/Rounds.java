package org.opsmon.monitoring.agent.schedule;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.function.Predicate;

/** Runs rounds, as the agent's loop does, until one shows what a test waits for. */
final class Rounds {

    private static final Duration DEADLINE = Duration.ofSeconds(10);

    private Rounds() {
    }

    /**
     * Rounds in which nothing was due come back at once and empty; polling them every few
     * milliseconds stands in for the loop's interval without betting on how long one takes.
     */
    static CollectionScheduler.Round await(CollectionScheduler s, Duration settle, String what,
                                           Predicate<CollectionScheduler.Round> condition) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (System.nanoTime() - deadline < 0) {
            CollectionScheduler.Round r = s.runRound(settle);
            if (condition.test(r)) {
                return r;
            }
            Thread.sleep(2);
        }
        return fail("no round within " + DEADLINE.toSeconds() + " s where " + what);
    }

    static boolean reports(CollectionScheduler.Round r, String collector) {
        return r.statuses().stream().anyMatch(st -> st.name().equals(collector));
    }
}

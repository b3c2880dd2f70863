package org.opsmon.monitoring.agent.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.agent.collect.Collector;
import org.opsmon.monitoring.agent.collect.Fields;

class SharedLaneTest {

    /** A counter reader (mayBlock false) that records which thread ran it, or hangs while asked to. */
    static final class Reader implements Collector {
        final String name;
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        final CountDownLatch release;

        Reader(String name, CountDownLatch release) {
            this.name = name;
            this.release = release;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean mayBlock() {
            return false;
        }

        @Override
        public Map<String, JsonValue> collect() {
            threads.add(Thread.currentThread().getName());
            while (release != null && release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // Like an uninterruptible kernel wait.
                }
            }
            return Map.of(name, Fields.object().add("ok", true).build());
        }
    }

    @Test
    void counterReadersShareOneThread() throws Exception {
        Reader memory = new Reader("memory", null);
        Reader network = new Reader("network", null);
        try (CollectionScheduler s = new CollectionScheduler()) {
            s.add(memory, Duration.ofMillis(10), Duration.ofSeconds(1));
            s.add(network, Duration.ofMillis(10), Duration.ofSeconds(1));
            for (int i = 0; i < 3; i++) {
                Rounds.await(s, Duration.ofSeconds(1), "both readers ran",
                        r -> r.sections().containsKey("memory") && r.sections().containsKey("network"));
            }
        }
        assertEquals(Set.of("collector-shared"), memory.threads);
        assertEquals(Set.of("collector-shared"), network.threads);
    }

    @Test
    void hungReaderKeepsTheSharedThreadAndTheOthersMoveOn() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Reader hung = new Reader("system", release);
        Reader memory = new Reader("memory", null);
        try (CollectionScheduler s = new CollectionScheduler()) {
            s.add(hung, Duration.ofMillis(50), Duration.ofMillis(150));
            s.add(memory, Duration.ofMillis(50), Duration.ofMillis(400));
            CollectionScheduler.Round first = s.runRound(Duration.ofMillis(600));
            assertTrue(first.statuses().stream().anyMatch(st -> st.name().equals("system") && !st.success()));
            assertTrue(first.sections().containsKey("memory"), "the queued reader runs on a fresh thread");
            long threads = sharedThreads();
            for (int i = 0; i < 4; i++) {
                CollectionScheduler.Round r = Rounds.await(s, Duration.ofMillis(200), "system is due again",
                        round -> Rounds.reports(round, "system"));
                assertTrue(r.sections().containsKey("memory"), "the other readers keep their schedule");
                assertTrue(r.statuses().stream().anyMatch(st -> st.name().equals("system")
                        && st.error() != null && st.error().contains("still blocked")));
            }
            assertEquals(2, threads, "the hung reader pins one thread, the others run on one more");
            assertEquals(threads, sharedThreads(), "no thread is started per round while one reader hangs");
            release.countDown();
            Rounds.await(s, Duration.ofMillis(300), "system recovers once unblocked",
                    round -> round.sections().containsKey("system"));
        }
    }

    private static long sharedThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("collector-shared")).count();
    }
}

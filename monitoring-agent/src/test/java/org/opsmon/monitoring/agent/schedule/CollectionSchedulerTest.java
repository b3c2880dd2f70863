package org.opsmon.monitoring.agent.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.agent.collect.Collector;
import org.opsmon.monitoring.agent.collect.Fields;

class CollectionSchedulerTest {

    /** Blocks like statvfs on a dead NFS mount: ignores interrupts. */
    static final class Hung implements Collector {
        final CountDownLatch release = new CountDownLatch(1);
        int calls;

        @Override
        public String name() {
            return "filesystems";
        }

        @Override
        public Map<String, JsonValue> collect() {
            calls++;
            while (release.getCount() > 0) {
                try {
                    release.await();
                } catch (InterruptedException ignored) {
                    // Like an uninterruptible kernel wait.
                }
            }
            return Map.of("disk", JsonValue.EMPTY_JSON_ARRAY);
        }
    }

    static Collector quick(String name, String section) {
        return new Collector() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, JsonValue> collect() {
                return Map.of(section, Fields.object().add("ok", true).build());
            }
        };
    }

    @Test
    void hungCollectorTimesOutAloneAndPinsOnlyOneThread() throws Exception {
        Hung hung = new Hung();
        try (CollectionScheduler s = new CollectionScheduler()) {
            s.add(hung, Duration.ofMillis(50), Duration.ofMillis(150));
            s.add(quick("memory", "memory"), Duration.ofMillis(50), Duration.ofSeconds(1));
            s.add(new Collector() {
                @Override
                public String name() {
                    return "cpu";
                }

                @Override
                public Map<String, JsonValue> collect() {
                    throw new IllegalStateException("boom");
                }
            }, Duration.ofMillis(50), Duration.ofSeconds(1));

            long t0 = System.nanoTime();
            CollectionScheduler.Round r1 = s.runRound(Duration.ofMillis(300));
            assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "the round must not wait for the hung collector");
            assertTrue(r1.sections().containsKey("memory"));
            assertFalse(r1.sections().containsKey("disk"));
            assertTrue(failed(r1, "filesystems").error().contains("timed out"));
            assertTrue(failed(r1, "cpu").error().contains("boom"));

            long threadsBefore = collectorThreads();
            for (int i = 0; i < 5; i++) {
                CollectionScheduler.Round r = Rounds.await(s, Duration.ofMillis(100), "filesystems is due again",
                        round -> Rounds.reports(round, "filesystems"));
                assertTrue(r.sections().containsKey("memory"), "other collectors keep working");
                assertTrue(failed(r, "filesystems").error().contains("still blocked"));
            }
            assertEquals(1, hung.calls, "a hung collector is not started again while stuck");
            assertEquals(threadsBefore, collectorThreads(), "no thread is started per hung run");

            hung.release.countDown();
            Rounds.await(s, Duration.ofMillis(300), "the collector recovers once unblocked",
                    round -> round.sections().containsKey("disk"));
            assertEquals(2, hung.calls);
        }
    }

    private static CollectorStatus failed(CollectionScheduler.Round r, String name) {
        List<CollectorStatus> mine = r.statuses().stream().filter(s -> s.name().equals(name)).toList();
        assertFalse(mine.isEmpty(), "no status for " + name);
        CollectorStatus st = mine.get(0);
        assertFalse(st.success());
        return st;
    }

    private static long collectorThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith("collector-")).count();
    }

    @Test
    void slowerCollectorContributesOnlyAfterItsRun() throws Exception {
        try (CollectionScheduler s = new CollectionScheduler()) {
            s.add(quick("memory", "memory"), Duration.ofMillis(10), Duration.ofSeconds(1));
            s.add(quick("filesystems", "disk"), Duration.ofHours(1), Duration.ofSeconds(1));
            s.add(quick("gpu", "gpu"), Duration.ZERO, Duration.ofSeconds(1));
            assertEquals(List.of("memory", "filesystems"), s.names());
            assertTrue(s.runRound(Duration.ofSeconds(1)).sections().containsKey("disk"));
            CollectionScheduler.Round second = Rounds.await(s, Duration.ofSeconds(1), "memory is due again",
                    round -> round.sections().containsKey("memory"));
            assertFalse(second.sections().containsKey("disk"));
            assertEquals(1, second.statuses().size());
        }
    }

    @Test
    void collectorOnTheSnapshotIntervalIsInEveryRoundEvenWhenRoundsComeEarly() throws Exception {
        try (CollectionScheduler s = new CollectionScheduler()) {
            s.add(quick("memory", "memory"), Duration.ofMillis(400), Duration.ofMillis(200));
            int withMemory = 0;
            long start = System.nanoTime();
            for (int round = 0; round < 6; round++) {
                // Paced like the agent's loop, on a fixed rate, but each round 20 ms before the
                // collector's interval has fully passed: the time between rounds is what is tested here.
                long due = start + TimeUnit.MILLISECONDS.toNanos(380L * round);
                TimeUnit.NANOSECONDS.sleep(due - System.nanoTime());
                if (s.runRound(Duration.ofMillis(200)).sections().containsKey("memory")) {
                    withMemory++;
                }
            }
            assertEquals(6, withMemory, "a collector on the snapshot interval belongs in every snapshot");
        }
    }
}

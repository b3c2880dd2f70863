package org.opsmon.monitoring.agent.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
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
                Thread.sleep(60);
                CollectionScheduler.Round r = s.runRound(Duration.ofMillis(100));
                assertTrue(r.sections().containsKey("memory"), "other collectors keep working");
                assertTrue(failed(r, "filesystems").error().contains("still blocked"));
            }
            assertEquals(1, hung.calls, "a hung collector is not started again while stuck");
            assertEquals(threadsBefore, collectorThreads(), "no thread is started per hung run");

            hung.release.countDown();
            Thread.sleep(100);
            s.runRound(Duration.ofMillis(100));
            Thread.sleep(60);
            CollectionScheduler.Round recovered = s.runRound(Duration.ofMillis(300));
            assertTrue(recovered.sections().containsKey("disk"), "collector recovers once unblocked");
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
            Thread.sleep(20);
            CollectionScheduler.Round second = s.runRound(Duration.ofSeconds(1));
            assertTrue(second.sections().containsKey("memory"));
            assertFalse(second.sections().containsKey("disk"));
            assertEquals(1, second.statuses().size());
        }
    }

    @Test
    void collectorOnTheSnapshotIntervalIsInEveryRoundEvenWhenRoundsComeEarly() throws Exception {
        try (CollectionScheduler s = new CollectionScheduler()) {
            s.add(quick("memory", "memory"), Duration.ofMillis(400), Duration.ofMillis(200));
            int withMemory = 0;
            for (int round = 0; round < 6; round++) {
                if (s.runRound(Duration.ofMillis(200)).sections().containsKey("memory")) {
                    withMemory++;
                }
                // The next round comes 20 ms before the collector's interval has fully passed.
                Thread.sleep(380);
            }
            assertEquals(6, withMemory, "a collector on the snapshot interval belongs in every snapshot");
        }
    }
}

package org.opsmon.monitoring.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One write in flight per client, a bounded queue behind it, and the two ways a client is given up. */
class SendQueueTest {

    static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @Test
    void theFirstFrameGoesAtOnceTheNextWaitInOrder() {
        SendQueue<String> queue = new SendQueue<>(3);
        assertEquals(SendQueue.Offer.SEND_NOW, queue.offer("a", 0));
        assertEquals(SendQueue.Offer.QUEUED, queue.offer("b", 1));
        assertEquals(SendQueue.Offer.QUEUED, queue.offer("c", 2));
        assertEquals(2, queue.waiting());
        assertEquals("b", queue.written(3));
        assertEquals("c", queue.written(4));
        assertNull(queue.written(5), "nothing waits: no write in flight any more");
        assertEquals(SendQueue.Offer.SEND_NOW, queue.offer("d", 6));
    }

    @Test
    void aClientThatFallsMoreThanTheCapacityBehindIsGivenUpAndItsFramesReleased() {
        SendQueue<String> queue = new SendQueue<>(2);
        queue.offer("a", 0);
        queue.offer("b", 0);
        queue.offer("c", 0);
        assertEquals(SendQueue.Offer.FULL, queue.offer("d", 0));
        assertEquals(0, queue.waiting(), "queued frames are let go at once");
        assertEquals(SendQueue.Offer.CLOSED, queue.offer("e", 0));
        assertNull(queue.written(1), "the write in flight completing starts nothing more");
        assertFalse(queue.close(), "already closed");
    }

    @Test
    void aWriteInFlightLongerThanTheTimeoutIsStalled() {
        SendQueue<String> queue = new SendQueue<>(8);
        assertFalse(queue.stalled(0, 1000 * MS), "nothing in flight");
        queue.offer("a", 0);
        assertFalse(queue.stalled(1000 * MS, 1000 * MS), "at the timeout, not past it");
        assertTrue(queue.stalled(1001 * MS, 1000 * MS));
    }

    @Test
    void eachWriteHasItsOwnClockSoASteadyReaderIsNeverStalled() {
        SendQueue<String> queue = new SendQueue<>(8);
        queue.offer("a", 0);
        queue.offer("b", 100 * MS);
        assertEquals("b", queue.written(900 * MS));
        assertFalse(queue.stalled(1500 * MS, 1000 * MS), "b has been in flight 600 ms, not 1500");
        assertTrue(queue.stalled(1901 * MS, 1000 * MS));
        assertNull(queue.written(1950 * MS));
        assertFalse(queue.stalled(5000 * MS, 1000 * MS), "idle is not stalled");
    }

    @Test
    void aClosedQueueIsNeverStalledAndRefusesFrames() {
        SendQueue<String> queue = new SendQueue<>(8);
        queue.offer("a", 0);
        assertTrue(queue.close());
        assertFalse(queue.stalled(10_000 * MS, 1000 * MS), "dropped once, not again by every sweep");
        assertEquals(SendQueue.Offer.CLOSED, queue.offer("b", 0));
    }

    @Test
    void aQueueHoldsAtLeastOneFrame() {
        assertThrows(IllegalArgumentException.class, () -> new SendQueue<>(0));
    }

    @Test
    void concurrentBroadcastersAndCompletionsLoseNothingAndNeverWriteTwoAtOnce() throws Exception {
        SendQueue<String> queue = new SendQueue<>(100_000);
        List<String> sent = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.BlockingQueue<String> writes = new java.util.concurrent.LinkedBlockingQueue<>();
        int threads = 4;
        int frames = 5_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> broadcasters = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < frames; i++) {
                    String frame = id + ":" + i;
                    if (queue.offer(frame, System.nanoTime()) == SendQueue.Offer.SEND_NOW) {
                        writes.add(frame);
                    }
                }
            });
            broadcasters.add(thread);
            thread.start();
        }
        // The "socket": completes each write, which may hand over the next one.
        Thread socket = new Thread(() -> {
            try {
                while (sent.size() < threads * frames) {
                    String frame = writes.poll(5, TimeUnit.SECONDS);
                    if (frame == null) {
                        return;
                    }
                    if (inFlight.incrementAndGet() > 1) {
                        overlaps.incrementAndGet();
                    }
                    sent.add(frame);
                    inFlight.decrementAndGet();
                    String next = queue.written(System.nanoTime());
                    if (next != null) {
                        writes.add(next);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        socket.start();
        start.countDown();
        for (Thread thread : broadcasters) {
            thread.join();
        }
        socket.join(TimeUnit.SECONDS.toMillis(30));
        assertEquals(threads * frames, sent.size(), "every frame written once");
        assertEquals(threads * frames, new java.util.HashSet<>(sent).size());
        assertEquals(0, overlaps.get());
        for (int t = 0; t < threads; t++) {
            String prefix = t + ":";
            List<Integer> order = sent.stream().filter(f -> f.startsWith(prefix))
                    .map(f -> Integer.parseInt(f.substring(prefix.length()))).toList();
            assertEquals(order.stream().sorted().toList(), order, "one broadcaster's frames keep their order");
        }
    }
}

package org.opsmon.monitoring.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WriteBudgetTest {

    private final List<String> resumed = new ArrayList<>();

    @Test
    void writesBeyondTheLimitWaitAndPermitsPassInArrivalOrder() {
        WriteBudget<String> budget = new WriteBudget<>(2, resumed::add);
        assertTrue(budget.acquireOrWait("a"));
        assertTrue(budget.acquireOrWait("b"));
        assertFalse(budget.acquireOrWait("c"));
        assertFalse(budget.acquireOrWait("d"));
        assertEquals(2, budget.inFlight());
        assertEquals(2, budget.waiting());

        budget.release();
        assertEquals(List.of("c"), resumed, "the permit went straight to the longest-waiting client");
        assertEquals(2, budget.inFlight());
        budget.release();
        budget.release();
        budget.release();
        assertEquals(List.of("c", "d"), resumed);
        assertEquals(0, budget.inFlight());
        assertTrue(budget.acquireOrWait("e"));
    }

    @Test
    void handOffsOnOneThreadRunOneAfterAnotherInsteadOfNesting() {
        int clients = 100_000;
        AtomicReference<WriteBudget<Integer>> holder = new AtomicReference<>();
        int[] deepest = {0};
        int[] depth = {0};
        int[] served = {0};
        // Each resumed client completes at once, inside its own write, as a container may do.
        WriteBudget<Integer> budget = new WriteBudget<>(1, client -> {
            depth[0]++;
            deepest[0] = Math.max(deepest[0], depth[0]);
            served[0]++;
            holder.get().release();
            depth[0]--;
        });
        holder.set(budget);
        assertTrue(budget.acquireOrWait(-1));
        for (int i = 0; i < clients; i++) {
            assertFalse(budget.acquireOrWait(i));
        }
        budget.release();
        assertEquals(clients, served[0]);
        assertEquals(1, deepest[0], "no hand-off ran inside another");
        assertEquals(0, budget.inFlight());
    }

    @Test
    void aBudgetAllowsAtLeastOneWrite() {
        assertThrows(IllegalArgumentException.class, () -> new WriteBudget<String>(0, s -> { }));
    }
}

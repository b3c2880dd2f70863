package org.opsmon.monitoring.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who receives the frames of a source, found without looking at everyone. */
class AudienceTest {

    final Audience<String> audience = new Audience<>();

    List<String> recipients(String source) {
        List<String> found = new ArrayList<>();
        audience.forEachOf(source, found::add);
        found.sort(null);
        return found;
    }

    @Test
    void everySourceOrNamedOnesOrNone() {
        audience.listen("all", null);
        audience.listen("web", Set.of("web-01", "web-02"));
        audience.listen("db", Set.of("db-01"));
        assertEquals(List.of("all", "web"), recipients("web-01"));
        assertEquals(List.of("all", "db"), recipients("db-01"));
        assertEquals(List.of("all"), recipients("switch-1"));
        audience.listen("none", Set.of());
        assertEquals(List.of("all"), recipients("switch-1"), "an empty list receives nothing");
    }

    @Test
    void subscribingAgainReplacesTheSourcesAndNobodyReceivesTwice() {
        audience.listen("c", Set.of("a", "b"));
        audience.listen("c", Set.of("b", "c"));
        assertEquals(List.of(), recipients("a"));
        assertEquals(List.of("c"), recipients("b"));
        audience.listen("c", null);
        assertEquals(List.of("c"), recipients("b"), "once, though it named b before");
        audience.listen("c", Set.of("a"));
        assertEquals(List.of(), recipients("b"));
    }

    @Test
    void aFrameIsEncodedOnlyWhenSomeoneReceivesItsSource() {
        assertFalse(audience.anyoneFor("web-01"));
        audience.listen("c", Set.of("web-01"));
        assertTrue(audience.anyoneFor("web-01"));
        assertFalse(audience.anyoneFor("web-02"));
        audience.leave("c");
        assertFalse(audience.anyoneFor("web-01"), "a source nobody names any more leaves the index");
        audience.listen("d", null);
        assertTrue(audience.anyoneFor("anything"));
    }

    @Test
    void leavingTwiceOrWithoutHavingListenedIsHarmless() {
        audience.leave("nobody");
        audience.listen("c", Set.of("a"));
        audience.leave("c");
        audience.leave("c");
        assertEquals(List.of(), recipients("a"));
    }

    @Test
    void aThousandClientsOnAHundredSourcesEachFindTheirOwn() {
        for (int c = 0; c < 1000; c++) {
            audience.listen("client-" + c, c % 10 == 0 ? null : Set.of("source-" + c % 100));
        }
        // 100 listen to everything; of the other 900, those with c % 100 == 42 name source-42 (10 of them).
        assertEquals(110, recipients("source-42").size());
        assertEquals(100, recipients("source-0").size(), "source-0's clients all have c % 10 == 0");
    }
}

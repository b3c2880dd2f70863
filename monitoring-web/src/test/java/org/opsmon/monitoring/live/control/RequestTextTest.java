package org.opsmon.monitoring.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A request's text gathered from its parts, bounded in bytes, and the session usable after a refusal. */
class RequestTextTest {

    @Test
    void partsMakeOneText() {
        RequestText text = new RequestText(100);
        assertNull(text.add("{\"type\":", false));
        assertEquals("{\"type\":\"ping\"}", text.add("\"ping\"}", true));
        assertEquals("{}", text.add("{}", true), "the next message starts afresh");
    }

    @Test
    void theLimitCountsUtf8BytesNotCharacters() {
        RequestText text = new RequestText(6);
        assertEquals("ééé", text.add("ééé", true), "6 bytes");
        RequestText.TooLarge tooLarge = assertThrows(RequestText.TooLarge.class, () -> text.add("éééa", true));
        assertEquals("The frame has 7 bytes, more than the 6 a request may have (monitoring.live.max.frame)",
                tooLarge.getMessage());
        assertEquals(4, RequestText.utf8Length("😀"), "a surrogate pair is one 4-byte character");
        assertEquals(3, RequestText.utf8Length("€"));
    }

    @Test
    void anOversizedMessageIsReadToItsEndThenRefusedAndTheNextOneWorks() {
        RequestText text = new RequestText(10);
        assertNull(text.add("x".repeat(8), false));
        assertNull(text.add("x".repeat(8), false), "over the limit: what came is dropped, the rest is only counted");
        assertNull(text.add("x".repeat(1000), false));
        assertEquals("The frame has 1017 bytes, more than the 10 a request may have (monitoring.live.max.frame)",
                assertThrows(RequestText.TooLarge.class, () -> text.add("x", true)).getMessage());
        assertEquals("{\"a\":1}", text.add("{\"a\":1}", true));
    }
}

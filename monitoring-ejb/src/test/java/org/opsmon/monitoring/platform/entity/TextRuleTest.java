package org.opsmon.monitoring.platform.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextRuleTest {

    @ParameterizedTest
    @ValueSource(strings = {"", "alice", "ls -la\t/tmp", "caf\u00e9", "\u00a0non-breaking", "emoji \ud83d\ude00 ok",
            "\ufffd replaced", "\u2028 line separator"})
    void conformingText(String text) {
        assertNull(TextRule.violation(text));
    }

    @Test
    void nullConforms() {
        assertNull(TextRule.violation(null));
        assertNull(TextRule.problem(null, 1));
    }

    @Test
    void controlCharactersAreNamedWithTheirPosition() {
        assertEquals("contains a control character (U+0000) at position 3", TextRule.violation("abc\u0000"));
        assertEquals("contains a control character (U+000A) at position 0", TextRule.violation("\nx"));
        assertEquals("contains a control character (U+001F) at position 1", TextRule.violation("a\u001f"));
        assertEquals("contains a control character (U+007F) at position 0", TextRule.violation("\u007f"));
        assertEquals("contains a control character (U+0085) at position 2", TextRule.violation("ab\u0085"));
        assertEquals("contains a control character (U+009F) at position 0", TextRule.violation("\u009f"));
    }

    @Test
    void theBoundariesOfTheControlRanges() {
        assertNull(TextRule.violation("\u0020\u007e\u00a0"));
        assertEquals("contains a control character (U+0080) at position 0", TextRule.violation("\u0080"));
    }

    @Test
    void unpairedSurrogates() {
        assertEquals("contains an unpaired surrogate (U+D800) at position 1", TextRule.violation("a\ud800"));
        assertEquals("contains an unpaired surrogate (U+D800) at position 0", TextRule.violation("\ud800b"));
        assertEquals("contains an unpaired surrogate (U+DC00) at position 0", TextRule.violation("\udc00\ud800"));
        assertEquals("contains an unpaired surrogate (U+DE00) at position 2", TextRule.violation("\ud83d\ude00\ude00"));
    }

    @Test
    void lengthIsCheckedFirst() {
        assertNull(TextRule.problem("abcd", 4));
        assertEquals("is longer than 4 characters", TextRule.problem("abcde", 4));
        assertEquals("contains a control character (U+0000) at position 0", TextRule.problem("\u0000", 4));
    }
}

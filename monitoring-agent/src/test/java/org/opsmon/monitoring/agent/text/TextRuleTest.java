package org.opsmon.monitoring.agent.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class TextRuleTest {

    private static final String R = "\uFFFD";

    @Test
    void conformingTextIsReturnedAsIs() {
        String s = "ls -la\t/var/log | grep 'é' 😀";
        assertSame(s, TextRule.sanitise(s, TextRule.MAX_COMMAND));
        assertNull(TextRule.sanitise(null, 10));
    }

    @Test
    void everyForbiddenControlCharacterBecomesAReplacementButTabStays() {
        for (char c = 0; c <= 0x9f; c++) {
            boolean forbidden = c < 0x20 && c != '\t' || c >= 0x7f;
            String expected = forbidden ? "a" + R + "b" : "a" + c + "b";
            assertEquals(expected, TextRule.sanitise("a" + c + "b", 10), "U+" + Integer.toHexString(c));
        }
        assertEquals("echo " + R + "x" + R, TextRule.sanitise("echo \0x\n", 100));
        assertEquals("\u00a0ok", TextRule.sanitise("\u00a0ok", 100), "U+00A0 is printable");
    }

    @Test
    void unpairedSurrogatesAreReplacedPairsAreKept() {
        assertEquals("a" + R + "b", TextRule.sanitise("a\ud83db", 10), "lone high surrogate");
        assertEquals("a" + R + "b", TextRule.sanitise("a\ude00b", 10), "lone low surrogate");
        assertEquals(R + "😀", TextRule.sanitise("\ude00😀", 10), "low before a pair");
        assertEquals("x" + R, TextRule.sanitise("x\ud83d", 10), "high surrogate at the very end");
        assertEquals(R + R, TextRule.sanitise("\ude00\ud83d", 10), "reversed pair is two lone halves");
    }

    @Test
    void overLongTextIsCutAtTheLimitNeverInsideAPair() {
        assertEquals("abc", TextRule.sanitise("abcdef", 3));
        assertEquals("ab", TextRule.sanitise("ab😀", 3), "the pair would straddle the limit");
        assertEquals("ab😀", TextRule.sanitise("ab😀c", 4));
        assertEquals("a" + R, TextRule.sanitise("a\0bc", 2), "rewritten and cut");
        assertEquals(TextRule.MAX_COMMAND, TextRule.sanitise("y".repeat(10_000), TextRule.MAX_COMMAND).length());
        assertEquals("", TextRule.sanitise("abc", 0));
    }

    @Test
    void limitsAreTheProjectRule() {
        assertEquals(64, TextRule.MAX_USER);
        assertEquals(4096, TextRule.MAX_COMMAND);
        assertEquals(256, TextRule.MAX_LABEL);
        assertEquals(1024, TextRule.MAX_TEXT);
    }
}

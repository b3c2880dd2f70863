package org.opsmon.monitoring.devicelogs.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.platform.entity.TextRule;

class DeviceTextTest {

    @Test
    void conformingTextIsKept() {
        assertEquals("link up\tge-0/0/1 é 😀", DeviceText.clean("link up\tge-0/0/1 é 😀", 100));
        assertNull(DeviceText.clean(null, 10));
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreReplacedVisibly() {
        String cleaned = DeviceText.clean("a\u0000b\u001bc\u0085d\uD800e", 100);
        assertEquals("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe", cleaned);
        assertNull(TextRule.violation(cleaned));
    }

    @Test
    void longTextIsCutToItsColumnWithAnEllipsis() {
        String cleaned = DeviceText.clean("x".repeat(5000), 2048);
        assertEquals(2048, cleaned.length());
        assertEquals('\u2026', cleaned.charAt(2047));
    }

    @Test
    void aCutNeverSplitsASurrogatePair() {
        String cleaned = DeviceText.clean("abc😀😀", 5);
        assertNull(TextRule.violation(cleaned));
        assertEquals("abc\u2026", cleaned);
    }
}

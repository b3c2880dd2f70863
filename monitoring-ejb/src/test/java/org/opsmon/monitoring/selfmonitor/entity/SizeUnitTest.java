package org.opsmon.monitoring.selfmonitor.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.opsmon.monitoring.platform.entity.RequestProblem;

class SizeUnitTest {

    @ParameterizedTest
    @CsvSource({"B,B", "b,B", "KB,KB", "kb,KB", "Kb,KB", "MB,MB", "mb,MB", "GB,GB", "gB,GB", "' gb ',GB"})
    void parsesCaseInsensitively(String text, SizeUnit expected) {
        assertEquals(expected, SizeUnit.parse(text, SizeUnit.B));
    }

    @Test
    void blankGivesTheDefault() {
        assertEquals(SizeUnit.MB, SizeUnit.parse(null, SizeUnit.MB));
        assertEquals(SizeUnit.MB, SizeUnit.parse("", SizeUnit.MB));
        assertEquals(SizeUnit.GB, SizeUnit.parse("  ", SizeUnit.GB));
    }

    @ParameterizedTest
    @ValueSource(strings = {"TB", "MiB", "bytes", "K", "1"})
    void otherUnitsAreRejected(String text) {
        RequestProblem e = assertThrows(RequestProblem.class, () -> SizeUnit.parse(text, SizeUnit.MB));
        assertEquals(400, e.status());
        assertEquals("invalid_units", e.code());
        assertEquals("units must be one of B, KB, MB, GB; got " + text, e.getMessage());
    }

    @Test
    void bytesAreWhole() {
        assertEquals(1536.0, SizeUnit.B.of(1536));
        assertEquals(0.0, SizeUnit.B.of(0));
    }

    @Test
    void binaryMultiplesRoundedToTwoDecimals() {
        assertEquals(1.5, SizeUnit.KB.of(1536));
        assertEquals(0.98, SizeUnit.KB.of(1000)); // 0.9765625
        assertEquals(6172.0, SizeUnit.MB.of(6172L * 1024 * 1024));
        assertEquals(1.34, SizeUnit.MB.of(1_400_000)); // 1.3351...
        assertEquals(1.33, SizeUnit.MB.of(1_394_606)); // 1.32999...
        assertEquals(1.5, SizeUnit.GB.of(3L * 512 * 1024 * 1024));
        assertEquals(0.01, SizeUnit.GB.of(5_368_710L)); // just over 0.005
        assertEquals(0.0, SizeUnit.GB.of(5_368_709L)); // just under
        assertEquals(0.0, SizeUnit.GB.of(1024));
        assertEquals(15_258_789.06, SizeUnit.MB.of(16_000_000_000_000L));
    }
}

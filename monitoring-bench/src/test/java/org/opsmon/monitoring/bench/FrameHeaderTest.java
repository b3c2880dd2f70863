package org.opsmon.monitoring.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** Matching a live frame to its post from the frame's first characters. */
class FrameHeaderTest {

    @Test
    void liveDataNamesItsSourceAndSecond() {
        assertEquals(new FrameHeader("monitoring_data", "live-007", 1772366400L), FrameHeader.read(
                "{\"type\":\"monitoring_data\",\"timestamp\":1772366400.000,\"source\":\"live-007\",\"data\":{\"timestamp\""));
    }

    @Test
    void otherFramesAreKnownByTheirType() {
        FrameHeader status = FrameHeader.read("{\"type\":\"status\",\"connected_clients\":3}");
        assertEquals("status", status.type());
        assertFalse(status.liveData());
    }

    @Test
    void aStartTooShortOrOfAnotherShapeIsNoHeader() {
        assertNull(FrameHeader.read("{\"type\":\"monitoring_data\",\"timestamp\":17723"));
        assertNull(FrameHeader.read("{\"typ"));
        assertNull(FrameHeader.read("{\"type\":\"monitoring_data\",\"timestamp\":null,\"source\":\"a\"}"));
    }
}

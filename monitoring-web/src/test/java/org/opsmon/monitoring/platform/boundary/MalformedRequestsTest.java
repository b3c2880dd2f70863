package org.opsmon.monitoring.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MalformedRequestsTest {

    @ParameterizedTest
    @ValueSource(strings = {"/api/clients/web-01", "metric=disk.used&label.path=%2F", "user=%00", "a=%E2%80%8B",
            "x=%EF%BF%BD", "p=%F0%9F%98%80", "q=a+b", ""})
    void wellFormedEscapes(String raw) {
        assertTrue(MalformedRequests.decodesAsUtf8(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"user=%FF", "user=%C0%80", "user=%ED%A0%80", "user=%E2%82", "user=%", "user=%zz",
            "user=%0", "/api/clients/%FF"})
    void malformedEscapes(String raw) {
        assertFalse(MalformedRequests.decodesAsUtf8(raw));
    }
}

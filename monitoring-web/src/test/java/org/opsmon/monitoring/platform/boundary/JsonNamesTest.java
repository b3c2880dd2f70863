package org.opsmon.monitoring.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonNamesTest {

    @ParameterizedTest
    @CsvSource({
            "clientId, client_id",
            "accessToken, access_token",
            "payload, payload",
            "swapCached, swap_cached",
            "load1, load_1",
            "load15, load_15",
            "client_id, client_id",
            "URL, u_r_l"})
    void camelCaseBecomesSnakeCase(String javaName, String jsonName) {
        assertEquals(jsonName, JsonNames.SNAKE_CASE.translateName(javaName));
    }
}

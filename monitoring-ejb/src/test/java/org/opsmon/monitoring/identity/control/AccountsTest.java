package org.opsmon.monitoring.identity.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** The static validators only; creating accounts needs a database. */
class AccountsTest {

    static RequestProblem usernameProblem(String name) {
        return assertThrows(RequestProblem.class, () -> Accounts.validateUsername(name));
    }

    static RequestProblem passwordProblem(String password) {
        return assertThrows(RequestProblem.class, () -> Accounts.validatePassword(password));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "web-01", "Alice.Smith", "a_1", "node-exporter.prod"})
    void acceptsNames(String name) {
        assertDoesNotThrow(() -> Accounts.validateUsername(name));
    }

    @Test
    void sixtyFourCharactersIsTheLongestName() {
        assertDoesNotThrow(() -> Accounts.validateUsername("a".repeat(64)));
        assertEquals("invalid_username", usernameProblem("a".repeat(65)).code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "1abc", "42", "_agent", "-x", ".x", "web 01", "web/01", "caf\u00e9", "a\t"})
    void rejectsMalformedNames(String name) {
        RequestProblem e = usernameProblem(name);
        assertEquals(400, e.status());
        assertEquals("invalid_username", e.code());
        assertEquals("username must be 2-64 characters: a letter, then letters, digits, '.', '_' or '-'", e.getMessage());
    }

    @Test
    void controlCharactersAndLoneSurrogatesAreNamed() {
        RequestProblem nul = usernameProblem("web\u0000");
        assertEquals("invalid_username", nul.code());
        assertEquals("username contains a control character (U+0000) at position 3", nul.getMessage());
        assertEquals("username contains an unpaired surrogate (U+D800) at position 0",
                usernameProblem("\ud800web").getMessage());
        RequestProblem password = passwordProblem("secret-\udfff-password");
        assertEquals(400, password.status());
        assertEquals("invalid_password", password.code());
        assertEquals("password contains an unpaired surrogate (U+DFFF) at position 7", password.getMessage());
        assertDoesNotThrow(() -> Accounts.validatePassword("tab\tand \ud83d\ude00 are fine"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"server", "enrollment", "Server", "ENROLLMENT"})
    void reservedNamesAreTaken(String name) {
        RequestProblem e = usernameProblem(name);
        assertEquals(409, e.status());
        assertEquals("name_taken", e.code());
        assertEquals("The name '" + name + "' is reserved", e.getMessage());
    }

    @Test
    void nameIsRequired() {
        for (String name : new String[] {null, "", "   "}) {
            RequestProblem e = usernameProblem(name);
            assertEquals(400, e.status());
            assertEquals("invalid_request", e.code());
            assertEquals("username is required", e.getMessage());
        }
    }

    @Test
    void passwordLengthBounds() {
        assertDoesNotThrow(() -> Accounts.validatePassword("12345678"));
        assertDoesNotThrow(() -> Accounts.validatePassword("p".repeat(256)));

        RequestProblem weak = passwordProblem("1234567");
        assertEquals(400, weak.status());
        assertEquals("weak_password", weak.code());
        assertEquals("password must be at least 8 characters long", weak.getMessage());

        RequestProblem tooLong = passwordProblem("p".repeat(257));
        assertEquals(400, tooLong.status());
        assertEquals("invalid_request", tooLong.code());
        assertEquals("password must be at most 256 characters long", tooLong.getMessage());
    }

    @Test
    void passwordIsRequired() {
        for (String password : new String[] {null, ""}) {
            RequestProblem e = passwordProblem(password);
            assertEquals(400, e.status());
            assertEquals("invalid_request", e.code());
            assertEquals("password is required", e.getMessage());
        }
    }
}

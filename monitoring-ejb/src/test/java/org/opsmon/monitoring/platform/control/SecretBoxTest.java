package org.opsmon.monitoring.platform.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretBoxTest {

    static final String PURPOSE = "notification_channel.secrets";

    final SecretBox box = new SecretBox(new byte[32]);

    @Test
    void sealedValuesOpenAndHideThePlainText() {
        String sealed = box.seal(PURPOSE, "smtp-password-\u00e9");
        assertTrue(sealed.startsWith("v1:"), sealed);
        assertFalse(sealed.contains("smtp-password"));
        assertEquals("smtp-password-\u00e9", box.open(PURPOSE, sealed));
    }

    @Test
    void everySealingUsesAFreshNonce() {
        assertNotEquals(box.seal(PURPOSE, "same"), box.seal(PURPOSE, "same"));
    }

    @Test
    void anotherPurposeAnotherKeyOrAnAlteredValueDoNotOpen() {
        String sealed = box.seal(PURPOSE, "token");
        assertThrows(SecretBox.SecretUnreadable.class, () -> box.open("device.community", sealed));
        byte[] otherKey = new byte[32];
        otherKey[0] = 1;
        SecretBox.SecretUnreadable wrongKey = assertThrows(SecretBox.SecretUnreadable.class,
                () -> new SecretBox(otherKey).open(PURPOSE, sealed));
        assertTrue(wrongKey.getMessage().contains("does not open with this server's key"), wrongKey.getMessage());
        byte[] bytes = Base64.getDecoder().decode(sealed.substring(3));
        bytes[bytes.length - 1] ^= 1;
        String altered = "v1:" + Base64.getEncoder().encodeToString(bytes);
        assertThrows(SecretBox.SecretUnreadable.class, () -> box.open(PURPOSE, altered));
        assertThrows(SecretBox.SecretUnreadable.class, () -> box.open(PURPOSE, "v1:AAAA"));
        assertThrows(SecretBox.SecretUnreadable.class, () -> box.open(PURPOSE, "plain"));
        assertThrows(SecretBox.SecretUnreadable.class, () -> box.open(PURPOSE, "v1:%%%"));
    }

    @Test
    void theKeyFileIsCreatedOnceOwnerOnlyAndReused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data").resolve(SecretBox.KEY_FILE);
        byte[] first = SecretBox.keyFile(file);
        assertEquals(32, first.length);
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(file));
        assertArrayEquals(first, SecretBox.keyFile(file), "the existing key is kept");
        assertFalse(Arrays.equals(new byte[32], first));

        SecretBox fromFile = new SecretBox();
        fromFile.configuredKey = Optional.empty();
        fromFile.dataDir = dir.resolve("data").toString();
        fromFile.loadKey();
        assertEquals("x", new SecretBox(first).open(PURPOSE, fromFile.seal(PURPOSE, "x")));
    }

    @Test
    void aConfiguredKeyIsUsedWhenLongEnough(@TempDir Path dir) {
        SecretBox a = configured("0123456789abcdef0123456789abcdef", dir);
        SecretBox b = configured("0123456789abcdef0123456789abcdef", dir);
        assertEquals("shared", b.open(PURPOSE, a.seal(PURPOSE, "shared")), "servers sharing the key read each other's secrets");
        assertFalse(Files.exists(dir.resolve(SecretBox.KEY_FILE)), "no key file with a configured key");
        IllegalStateException shortKey = assertThrows(IllegalStateException.class, () -> configured("short", dir));
        assertTrue(shortKey.getMessage().contains("at least 32"), shortKey.getMessage());
    }

    static SecretBox configured(String key, Path dir) {
        SecretBox box = new SecretBox();
        box.configuredKey = Optional.of(key);
        box.dataDir = dir.toString();
        box.loadKey();
        return box;
    }
}

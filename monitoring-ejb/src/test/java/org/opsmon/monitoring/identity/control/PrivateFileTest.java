package org.opsmon.monitoring.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivateFileTest {

    @TempDir
    Path dir;

    @Test
    void onlyTheOwnerCanReadTheSecret() throws Exception {
        Path file = dir.resolve("data").resolve("initial-admin-password");
        PrivateFile.write(file, "s3cret\n");
        assertEquals("s3cret\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void replacesAnOlderFileAndLeavesNoTemporaryBehind() throws Exception {
        Path file = dir.resolve("initial-admin-password");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PrivateFile.write(file, "new");
        assertEquals("new", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.allMatch(file::equals), "only the secret file is left");
        }
    }
}

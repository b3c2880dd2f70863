package org.opsmon.monitoring.agent.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The moment between checking a path and opening it, replayed deterministically: the path is swapped in between. */
class OwnedFileTest {

    @TempDir
    Path dir;

    private Path secret() throws Exception {
        return Files.writeString(dir.resolve("shadow"), "root:$6$secret-hash:19000::::::\n");
    }

    /**
     * Writes and checks a history file, then removes it so the test can put something else there.
     * A placeholder keeps the inode busy: a filesystem may otherwise hand the freed number to the
     * very next file, which would then pass for the checked one.
     */
    private OwnedFile.Identity checkedThenRemoved(Path hist) throws Exception {
        Files.writeString(hist, "ls\n");
        OwnedFile.Identity seen = OwnedFile.Identity.of(hist, LinkOption.NOFOLLOW_LINKS);
        Files.move(hist, dir.resolve("placeholder"));
        return seen;
    }

    private static String read(FileChannel ch) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(1024);
        ch.read(b, 0);
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    @Test
    void theCheckedFileIsOpened() throws Exception {
        Path hist = Files.writeString(dir.resolve(".bash_history"), "ls\n");
        OwnedFile.Identity seen = OwnedFile.Identity.of(hist, LinkOption.NOFOLLOW_LINKS);
        try (FileChannel ch = OwnedFile.open(hist, seen)) {
            assertEquals("ls\n", read(ch));
        }
    }

    @Test
    void aSymbolicLinkSwappedInAfterTheCheckIsRefused() throws Exception {
        Path hist = dir.resolve(".bash_history");
        OwnedFile.Identity seen = checkedThenRemoved(hist);
        Files.createSymbolicLink(hist, secret());
        assertThrows(OwnedFile.Refused.class, () -> OwnedFile.open(hist, seen).close());
        assertThrows(OwnedFile.Refused.class, () -> OwnedFile.Identity.of(hist, LinkOption.NOFOLLOW_LINKS),
                "a link is not a regular file");
    }

    @Test
    void aHardLinkSwappedInAfterTheCheckIsRefused() throws Exception {
        Path hist = dir.resolve(".bash_history");
        OwnedFile.Identity seen = checkedThenRemoved(hist);
        try {
            Files.createLink(hist, secret());
        } catch (UnsupportedOperationException | java.io.IOException e) {
            Assumptions.abort("this filesystem has no hard links: " + e);
        }
        assertThrows(OwnedFile.Refused.class, () -> OwnedFile.open(hist, seen).close());
    }

    @Test
    void aFifoSwappedInIsRefusedWithoutBlocking() throws Exception {
        Path hist = dir.resolve(".bash_history");
        OwnedFile.Identity seen = checkedThenRemoved(hist);
        Process mkfifo = new ProcessBuilder("mkfifo", hist.toString()).inheritIO().start();
        Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        // Opening a FIFO for reading waits for a writer; nobody ever writes to this one.
        assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(OwnedFile.Refused.class, () -> OwnedFile.open(hist, seen).close()));
    }
}

package org.opsmon.monitoring.agent.commands;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Opens a file that lives in someone else's directory without letting them redirect the read.
 * The agent usually runs as root while each user controls their own home: a check on the path
 * followed by an open of the path lets a user swap in a symbolic link or a hard link to
 * {@code /etc/shadow} between the two. So the file is opened with {@code O_NOFOLLOW} (a link is
 * refused by the kernel) and {@code O_NONBLOCK} (a FIFO swapped in cannot hang the collector),
 * and then the opened file itself, not the path, is compared with what the check saw: same
 * device and inode, still a regular file, still owned by the expected account. Java has no
 * fstat, so the descriptor is examined through {@code /proc/self/fd}, which names the open file
 * whatever happens to the path, and read through a re-open of that same entry.
 */
final class OwnedFile {

    private static final Logger LOG = Logger.getLogger(OwnedFile.class.getName());

    /** Refused for a reason worth an operator's attention; the message never carries file content. */
    static final class Refused extends IOException {
        Refused(String reason) {
            super(reason);
        }
    }

    /** What a check saw of a regular file; the opened file must be this one. */
    record Identity(long device, long inode, int uid, long size) {

        /** Null when the path is absent; {@link Refused} when it is there but not a regular file. */
        static Identity of(Path path, LinkOption... options) throws IOException {
            Map<String, Object> a;
            try {
                a = Files.readAttributes(path, "unix:dev,ino,uid,size,isRegularFile", options);
            } catch (java.nio.file.NoSuchFileException e) {
                return null;
            }
            if (!Boolean.TRUE.equals(a.get("isRegularFile"))) {
                throw new Refused("is not a regular file (a link, a FIFO or a device)");
            }
            return new Identity(((Number) a.get("dev")).longValue(), ((Number) a.get("ino")).longValue(),
                    ((Number) a.get("uid")).intValue(), ((Number) a.get("size")).longValue());
        }

        boolean sameFile(Identity other) {
            return other != null && device == other.device && inode == other.inode && uid == other.uid;
        }
    }

    private OwnedFile() {
    }

    /** Opens the regular file {@code expected} describes for reading, or throws {@link Refused}. */
    static FileChannel open(Path file, Identity expected) throws IOException {
        if (!LibC.AVAILABLE) {
            return openPortably(file, expected);
        }
        int fd = LibC.open(cPath(file), LibC.READ_NO_FOLLOW);
        if (fd < 0) {
            throw new Refused("could not be opened without following links (errno " + Native.getLastError() + ")");
        }
        try {
            Path opened = Path.of("/proc/self/fd/" + fd);
            if (!expected.sameFile(Identity.of(opened))) {
                throw new Refused("was replaced by another file while being opened");
            }
            return FileChannel.open(opened, StandardOpenOption.READ);
        } finally {
            LibC.close(fd);
        }
    }

    /**
     * Where the open(2) flag values of this architecture are not known: Java's own
     * {@code NOFOLLOW_LINKS} still refuses a link, and a second look at the path narrows the
     * window for a swap to the instant between open and look.
     */
    private static FileChannel openPortably(Path file, Identity expected) throws IOException {
        FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        try {
            if (!expected.sameFile(Identity.of(file, LinkOption.NOFOLLOW_LINKS))) {
                throw new Refused("was replaced by another file while being opened");
            }
            return ch;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** The bytes the JDK itself would pass to the kernel for this path, NUL-terminated. */
    private static byte[] cPath(Path file) {
        String encoding = System.getProperty("sun.jnu.encoding");
        Charset cs = encoding != null && Charset.isSupported(encoding) ? Charset.forName(encoding) : Charset.defaultCharset();
        byte[] b = file.toString().getBytes(cs);
        byte[] z = new byte[b.length + 1];
        System.arraycopy(b, 0, z, 0, b.length);
        return z;
    }

    /** open(2) and close(2) by JNA direct mapping; flags are per architecture, so only known ones use it. */
    private static final class LibC {

        static final int READ_NO_FOLLOW = readNoFollowFlags();
        static final boolean AVAILABLE = READ_NO_FOLLOW >= 0 && register();

        static native int open(byte[] path, int flags);

        static native int close(int fd);

        /** O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC; O_NOFOLLOW is the one value that differs among these. */
        private static int readNoFollowFlags() {
            int nonBlock = 04000;
            int cloexec = 02000000;
            return switch (Platform.ARCH) {
                case "x86-64", "x86", "riscv64", "s390x", "loongarch64" -> nonBlock | cloexec | 0400000;
                case "aarch64", "arm", "armel", "ppc", "ppc64", "ppc64le" -> nonBlock | cloexec | 0100000;
                default -> -1;
            };
        }

        private static boolean register() {
            try {
                Native.register(LibC.class, Platform.C_LIBRARY_NAME);
                return true;
            } catch (LinkageError | RuntimeException e) {
                LOG.log(Level.FINE, "libc not bound ({0}); history files are opened portably", e.getMessage());
                return false;
            }
        }
    }
}

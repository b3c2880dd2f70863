package org.opsmon.monitoring.notifications.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.opsmon.monitoring.notifications.entity.AlertNote;
import org.opsmon.monitoring.notifications.entity.ChannelSettings;
import org.opsmon.monitoring.notifications.entity.ChannelType;
import org.opsmon.monitoring.notifications.entity.FileSettings;
import org.opsmon.monitoring.notifications.entity.Notice;

/**
 * Appends to a file in the notification directory, one line per alert change (JSON or text),
 * rotating by size like logrotate: {@code alerts.log} becomes {@code alerts.log.1}, older ones
 * move up, and beyond {@code keep} they are deleted. Only whole notices are written, so a line
 * is never split across two files. Links are not followed: a link planted in the directory
 * cannot redirect the server's writes elsewhere.
 */
@ApplicationScoped
public class FileSender implements ChannelSender {

    /** One lock per file: two channels may share a file, and rotation must not interleave with appends. */
    private static final ConcurrentMap<Path, Object> LOCKS = new ConcurrentHashMap<>();

    @Inject
    NotificationConfiguration configuration;

    public FileSender() {
    }

    FileSender(NotificationConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public ChannelType type() {
        return ChannelType.FILE;
    }

    @Override
    public void send(ChannelSettings settings, Notice notice) throws DeliveryFailure {
        FileSettings file = (FileSettings) settings;
        Path dir = configuration.fileDirectory();
        Path target = dir.resolve(file.file()).normalize();
        if (!target.getParent().equals(dir)) {
            throw new DeliveryFailure("The file name leaves the notification directory");
        }
        byte[] lines = render(file, notice).getBytes(StandardCharsets.UTF_8);
        synchronized (LOCKS.computeIfAbsent(target, p -> new Object())) {
            try {
                Files.createDirectories(dir);
                if (Files.isSymbolicLink(target)) {
                    throw new DeliveryFailure("Refusing to write " + file.file() + ": it is a symbolic link");
                }
                long size = Files.exists(target, LinkOption.NOFOLLOW_LINKS) ? Files.size(target) : 0;
                if (size > 0 && size + lines.length > file.maxBytes()) {
                    rotate(target, file.keep());
                }
                try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                    out.write(lines);
                }
            } catch (IOException e) {
                throw new DeliveryFailure("Cannot write " + file.file() + " in the notification directory: "
                        + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()));
            }
        }
    }

    static String render(FileSettings file, Notice notice) {
        StringBuilder out = new StringBuilder();
        for (AlertNote note : notice.notes()) {
            out.append(file.json() ? NotificationText.fileRecord(notice, note).toString()
                    : (notice.test() ? "[TEST] " : "") + NotificationText.line(note)).append('\n');
        }
        return out.toString();
    }

    /** file.(keep-1) → file.keep, …, file → file.1; what falls beyond keep is deleted. */
    static void rotate(Path target, int keep) throws IOException {
        if (keep == 0) {
            Files.delete(target);
            return;
        }
        Files.deleteIfExists(numbered(target, keep));
        for (int i = keep - 1; i >= 1; i--) {
            Path from = numbered(target, i);
            if (Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(from, numbered(target, i + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(target, numbered(target, 1), StandardCopyOption.REPLACE_EXISTING);
    }

    static Path numbered(Path target, int n) {
        return target.resolveSibling(target.getFileName() + "." + n);
    }
}

package org.opsmon.monitoring.notifications.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsmon.monitoring.notifications.entity.FileSettings;
import org.opsmon.monitoring.notifications.entity.Notice;

class FileSenderTest {

    @TempDir
    Path data;

    FileSender sender() {
        return new FileSender(NotificationConfiguration.defaults(data));
    }

    Path dir() {
        return data.resolve("notifications");
    }

    @Test
    void appendsLinesInTheNotificationDirectory() throws Exception {
        FileSettings settings = new FileSettings("alerts.log", "text", 1024 * 1024, 2);
        sender().send(settings, NotificationTextTest.burst(2));
        sender().send(settings, NotificationTextTest.burst(1));
        List<String> lines = Files.readAllLines(dir().resolve("alerts.log"));
        assertEquals(3, lines.size());
    }

    @Test
    void rotatesBySizeAndKeepsTheConfiguredNumberOfFiles() throws Exception {
        FileSettings settings = new FileSettings("alerts.log", "json", 1024, 2);
        Notice notice = NotificationTextTest.burst(2);
        long lineBytes = FileSender.render(settings, notice).length();
        assertTrue(lineBytes < 1024 && lineBytes > 256, "two alerts take " + lineBytes + " bytes");
        for (int i = 0; i < 12; i++) {
            sender().send(settings, notice);
        }
        assertTrue(Files.size(dir().resolve("alerts.log")) <= 1024);
        assertTrue(Files.exists(dir().resolve("alerts.log.1")));
        assertTrue(Files.exists(dir().resolve("alerts.log.2")));
        assertFalse(Files.exists(dir().resolve("alerts.log.3")), "only two rotated files are kept");
        for (String name : List.of("alerts.log", "alerts.log.1", "alerts.log.2")) {
            assertTrue(Files.readAllLines(dir().resolve(name)).stream().allMatch(l -> l.startsWith("{") && l.endsWith("}")),
                    "whole lines only in " + name);
        }
    }

    @Test
    void keepingNoneStartsTheFileAgain() throws Exception {
        FileSettings settings = new FileSettings("a.log", "text", 1024, 0);
        for (int i = 0; i < 12; i++) {
            sender().send(settings, NotificationTextTest.burst(2));
        }
        assertTrue(Files.size(dir().resolve("a.log")) <= 1024);
        assertFalse(Files.exists(dir().resolve("a.log.1")));
    }

    @Test
    void aLinkPlantedInTheDirectoryIsNotFollowed() throws Exception {
        Files.createDirectories(dir());
        Path outside = data.resolve("outside.txt");
        Files.writeString(outside, "");
        Files.createSymbolicLink(dir().resolve("evil.log"), outside);
        ChannelSender.DeliveryFailure failure = assertThrows(ChannelSender.DeliveryFailure.class,
                () -> sender().send(new FileSettings("evil.log", "text", 1024, 1), NotificationTextTest.burst(1)));
        assertTrue(failure.getMessage().contains("symbolic link"), failure.getMessage());
        assertEquals("", Files.readString(outside));
    }
}

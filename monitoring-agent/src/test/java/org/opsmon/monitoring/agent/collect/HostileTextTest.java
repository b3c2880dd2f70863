package org.opsmon.monitoring.agent.collect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names come from the kernel and from whoever created the device or interface: they obey the text rule on the way out. */
class HostileTextTest {

    @TempDir
    Path dir;

    @Test
    void interfaceNamesWithControlCharactersAreRewritten() {
        String counters = " 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16";
        JsonArray out = NetworkCollector.parse(List.of(
                "Inter-|   Receive", " face |bytes",
                "  ev\u0001il:" + counters,
                "  eth0:" + counters)).asJsonArray();
        assertEquals("ev\uFFFDil", out.getJsonObject(0).getString("interface"));
        assertEquals("eth0", out.getJsonObject(1).getString("interface"));
        assertEquals(9L, out.getJsonObject(0).getJsonNumber("bytes_sent").longValue());
    }

    @Test
    void deviceNamesAreRewrittenAndCutAtTheLabelLimit() throws Exception {
        Path sysBlock = Files.createDirectories(dir.resolve("block"));
        String longName = "d".repeat(300);
        Files.createDirectories(sysBlock.resolve("sd\u007fa"));
        Files.createDirectories(sysBlock.resolve(longName.substring(0, 250)));
        DiskIoCollector c = new DiskIoCollector(dir.resolve("diskstats"), sysBlock);
        String tail = " 1 2 3 4 5 6 7 8 9 10 11";
        JsonArray out = c.parse(List.of(
                "   8       0 sd\u007fa" + tail,
                "   8      16 " + longName.substring(0, 250) + tail)).asJsonArray();
        assertEquals("sd\uFFFDa", out.getJsonObject(0).getString("device"));
        assertEquals(250, out.getJsonObject(1).getString("device").length());
    }

    @Test
    void freeTextAndLabelsHaveTheirOwnLimits() {
        var b = Fields.object();
        Fields.text(b, "hostname", "h".repeat(2000) + "\0");
        Fields.label(b, "path", "/mnt/" + "p".repeat(400));
        Fields.text(b, "empty", "");
        JsonObject o = b.build();
        assertEquals(1024, o.getString("hostname").length());
        assertEquals(256, o.getString("path").length());
        assertFalse(o.containsKey("empty"));
    }
}

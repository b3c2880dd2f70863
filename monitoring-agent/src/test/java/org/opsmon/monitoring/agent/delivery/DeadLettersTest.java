package org.opsmon.monitoring.agent.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opsmon.monitoring.agent.spool.Spool;
import org.opsmon.monitoring.agent.spool.SpoolRecord;

class DeadLettersTest {

    @TempDir
    Path dir;

    @Test
    void theFileKeepsTheNewestSnapshotsWithinItsBound() throws Exception {
        long bound = 1 << 20;
        Spool spool = Spool.open(dir, 10 << 20);
        DeadLetters letters = new DeadLetters(dir, bound);
        String pad = "z".repeat(50_000);
        for (long seq = 1; seq <= 40; seq++) {
            byte[] json = ("{\"timestamp\":1.0,\"seq\":" + seq + ",\"pad\":\"" + pad + "\"}").getBytes(StandardCharsets.UTF_8);
            spool.append(seq, json);
            letters.deadLetter(spool, new SpoolRecord(seq, json), 500, "storage_failed", "boom\u0000\nline");
        }
        Path current = dir.resolve(DeadLetters.FILE);
        Path previous = dir.resolve(DeadLetters.FILE + ".1");
        assertTrue(Files.size(current) <= bound / 2 && Files.size(previous) <= bound / 2);
        List<String> newest = Files.readAllLines(current);
        assertTrue(newest.get(newest.size() - 1).contains("\"seq\":40,"), "the newest is kept");
        assertTrue(Files.readAllLines(previous).size() + newest.size() >= 10, "at least half the bound is kept");
        assertTrue(newest.stream().allMatch(l -> l.contains("\"message\":\"boom\uFFFD\uFFFDline\"")),
                "the server's message obeys the text rule and cannot break a line");
        assertEquals(40, letters.deadLettered());
        assertEquals(0, spool.pending(), "every snapshot set aside is acknowledged");
    }
}

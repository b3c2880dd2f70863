package org.opsmon.monitoring.agent.schedule;

import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.logging.Logger;
import org.opsmon.monitoring.agent.collect.Fields;
import org.opsmon.monitoring.agent.text.TextRule;

/**
 * Keeps every snapshot's JSON under {@link #MAX_BYTES}. The server refuses a body or frame over
 * 1 MiB (and closes the WebSocket on such a frame), so a round that would be larger can never be
 * delivered as one. Only commands grow without a fixed bound (hundreds of processes with 4 KB
 * command lines), so they are what gets split: the round's snapshot carries as many as fit and the
 * rest follow, in order, in continuation snapshots of their own ({@code timestamp}, {@code seq},
 * {@code commands}) with the next seqs. A single command too big for an empty continuation (the
 * text rule's 4096 characters make that impossible at the real limit) is cut to fit and counted.
 */
public final class SnapshotSplitter {

    private static final Logger LOG = Logger.getLogger(SnapshotSplitter.class.getName());
    /** A safe margin under the server's 1 MiB body and frame limit, leaving room for a batch's brackets. */
    public static final int MAX_BYTES = 900 * 1024;
    /** Below this a continuation could not hold one command with an empty command line. */
    static final int MIN_BYTES = 16 * 1024;
    private static final String COMMANDS = "commands";
    /** {@code ,"commands":[]} */
    private static final int COMMANDS_MEMBER = 14;

    /** One snapshot ready for the spool. */
    public record Part(long seq, byte[] json) {
    }

    private final int maxBytes;
    private final Runnable commandCut;

    /** @param commandCut told once per command cut to fit a snapshot */
    public SnapshotSplitter(int maxBytes, Runnable commandCut) {
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("a snapshot bound under " + MIN_BYTES + " bytes cannot hold a command");
        }
        this.maxBytes = maxBytes;
        this.commandCut = commandCut;
    }

    /** The round's snapshot with {@code firstSeq}, and continuations taking their seqs from {@code nextSeq}. */
    public List<Part> split(long epochMillis, long firstSeq, CollectionScheduler.Round round, JsonObject agent,
                            LongSupplier nextSeq) {
        byte[] whole = bytes(SnapshotBuilder.build(epochMillis, firstSeq, round, agent));
        JsonValue commands = round.sections().get(COMMANDS);
        if (whole.length <= maxBytes || !(commands instanceof JsonArray list) || list.isEmpty()) {
            return List.of(new Part(firstSeq, whole));
        }
        Map<String, JsonValue> rest = new LinkedHashMap<>(round.sections());
        rest.remove(COMMANDS);
        CollectionScheduler.Round withoutCommands = new CollectionScheduler.Round(rest, round.statuses());
        byte[] base = bytes(SnapshotBuilder.build(epochMillis, firstSeq, withoutCommands, agent));
        if (base.length + COMMANDS_MEMBER > maxBytes) {
            LOG.warning(() -> "snapshot seq " + firstSeq + " is " + base.length + " bytes without its commands, over the "
                    + maxBytes + " bytes a snapshot may have");
        }
        List<Part> parts = new ArrayList<>();
        int next = 0;
        long seq = firstSeq;
        int headBytes = base.length;
        while (true) {
            int room = maxBytes - headBytes - COMMANDS_MEMBER;
            JsonArrayBuilder taken = Fields.array();
            int count = 0;
            int used = 0;
            while (next < list.size()) {
                JsonValue command = list.get(next);
                int size = bytes(command).length + (count > 0 ? 1 : 0);
                if (used + size > room) {
                    if (count == 0 && !parts.isEmpty()) {
                        command = cutToFit(command.asJsonObject(), room);
                        commandCut.run();
                        taken.add(command);
                        count++;
                        next++;
                    }
                    break;
                }
                taken.add(command);
                used += size;
                count++;
                next++;
            }
            if (parts.isEmpty()) {
                Map<String, JsonValue> sections = new LinkedHashMap<>(round.sections());
                sections.put(COMMANDS, taken.build());
                CollectionScheduler.Round first = new CollectionScheduler.Round(sections, round.statuses());
                parts.add(new Part(seq, bytes(SnapshotBuilder.build(epochMillis, seq, count == 0 ? withoutCommands : first, agent))));
            } else {
                parts.add(new Part(seq, bytes(continuation(epochMillis, seq).add(COMMANDS, taken).build())));
            }
            if (next >= list.size()) {
                return parts;
            }
            seq = nextSeq.getAsLong();
            headBytes = bytes(continuation(epochMillis, seq).build()).length;
        }
    }

    private static jakarta.json.JsonObjectBuilder continuation(long epochMillis, long seq) {
        return Fields.object().add("timestamp", BigDecimal.valueOf(epochMillis, 3)).add("seq", seq);
    }

    /** The command with its command line cut as little as needed to take at most {@code room} bytes. */
    private static JsonObject cutToFit(JsonObject command, int room) {
        String text = command.getString("command", "");
        int low = 0;
        int high = text.length();
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (bytes(withCommand(command, TextRule.sanitise(text, mid))).length <= room) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return withCommand(command, TextRule.sanitise(text, low));
    }

    private static JsonObject withCommand(JsonObject command, String text) {
        return Fields.JSON.createObjectBuilder(command).add("command", text).build();
    }

    private static byte[] bytes(JsonValue value) {
        return value.toString().getBytes(StandardCharsets.UTF_8);
    }
}

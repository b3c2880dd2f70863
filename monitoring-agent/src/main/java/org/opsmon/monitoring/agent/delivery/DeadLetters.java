package org.opsmon.monitoring.agent.delivery;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import org.opsmon.monitoring.agent.collect.Fields;
import org.opsmon.monitoring.agent.spool.Spool;
import org.opsmon.monitoring.agent.spool.SpoolRecord;
import org.opsmon.monitoring.agent.text.TextRule;

/**
 * Where snapshots the server will not take end up, so that one of them never stops delivery and
 * an operator can still see what it held. Two outcomes are told apart because they mean different
 * things: <em>rejected</em> (the server judged the snapshot invalid or too large: 400, 413,
 * {@code invalid_snapshot}) and <em>dead-lettered</em> (the server kept failing on this one
 * snapshot while it stored others: a server bug this data triggers). Both are acknowledged in the
 * spool, counted, logged once with seq, status and error code only (a snapshot holds command lines),
 * and written as one JSON line to {@value #FILE} in the spool directory.
 *
 * <p>The file is bounded: when it would pass half the bound it becomes {@value #FILE}.1 (replacing
 * the previous one), so the two together hold at most the bound and always the newest half of it.
 */
public final class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class.getName());
    public static final String FILE = "dead-letter.jsonl";
    /** Long enough for any message the server words, short enough that a line stays a snapshot plus a sentence. */
    private static final int MAX_MESSAGE = 300;

    private final Path file;
    private final Path previous;
    private final long maxBytes;
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();

    /** @param maxBytes what the current and the previous file may hold together */
    public DeadLetters(Path spoolDirectory, long maxBytes) {
        this.file = spoolDirectory.resolve(FILE);
        this.previous = spoolDirectory.resolve(FILE + ".1");
        this.maxBytes = maxBytes;
    }

    /**
     * The server refused the snapshot for good: it is set aside and counted as rejected.
     *
     * @param status the HTTP status, 0 for an error frame on the WebSocket (the line then has none)
     */
    public void reject(Spool spool, SpoolRecord record, int status, String error, String message) throws IOException {
        setAside(spool, record, status, error, message, "rejected");
        rejected.incrementAndGet();
    }

    /** The server kept failing on this snapshot alone: it is set aside and counted as dead-lettered. */
    public void deadLetter(Spool spool, SpoolRecord record, int status, String error, String message) throws IOException {
        setAside(spool, record, status, error, message, "dead_lettered");
        deadLettered.incrementAndGet();
    }

    private void setAside(Spool spool, SpoolRecord record, int status, String error, String message, String outcome)
            throws IOException {
        String kept;
        try {
            write(record, status, error, message, outcome);
            kept = "kept in " + file;
        } catch (IOException e) {
            // A full disk must not turn one bad snapshot into a stopped agent: the data is lost, the count says so.
            kept = "lost: cannot write " + file + " (" + e.getMessage() + ")";
        }
        spool.acknowledge(record.id());
        String code = error == null ? "-" : error;
        String where = kept;
        LOG.warning(() -> "snapshot seq " + record.id() + " " + outcome.replace('_', '-') + " (status "
                + (status > 0 ? Integer.toString(status) : "-") + ", error " + code + "), " + where);
    }

    private synchronized void write(SpoolRecord record, int status, String error, String message, String outcome)
            throws IOException {
        JsonObjectBuilder fields = Fields.object()
                .add("time", Instant.now().toString())
                .add("seq", record.id())
                .add("outcome", outcome);
        if (status > 0) {
            fields.add("status", status);
        }
        String head = fields
                .add("error", error == null ? "" : TextRule.sanitise(error, TextRule.MAX_LABEL))
                .add("message", message == null ? "" : TextRule.sanitise(message, MAX_MESSAGE))
                .build().toString();
        byte[] snapshot = record.payload() == null ? "null".getBytes(StandardCharsets.UTF_8) : record.payload();
        ByteArrayOutputStream line = new ByteArrayOutputStream(head.length() + snapshot.length + 16);
        line.write(head.substring(0, head.length() - 1).getBytes(StandardCharsets.UTF_8));
        line.write(",\"snapshot\":".getBytes(StandardCharsets.UTF_8));
        line.write(snapshot);
        line.write("}\n".getBytes(StandardCharsets.UTF_8));
        if (Files.exists(file) && Files.size(file) + line.size() > maxBytes / 2) {
            Files.move(file, previous, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        if (!Files.exists(file)) {
            // Snapshots hold command lines: readable by the agent's user only, whatever the umask.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(file, line.toByteArray(), StandardOpenOption.APPEND);
    }

    /** Snapshots the server refused as invalid or too large since the agent started. */
    public long rejected() {
        return rejected.get();
    }

    /** Snapshots set aside after repeated server failures since the agent started. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** The server's error code from a JSON error body, or null when the body is not one. */
    static String errorCode(String body) {
        JsonObject o = errorBody(body);
        return o == null ? null : o.getString("error", null);
    }

    /** The server's sentence from a JSON error body; otherwise the body itself, whitespace folded. */
    static String errorMessage(String body) {
        JsonObject o = errorBody(body);
        if (o != null) {
            return o.getString("message", o.getString("error_description", ""));
        }
        return body == null ? "" : body.replaceAll("\\s+", " ").strip();
    }

    private static JsonObject errorBody(String body) {
        if (body == null || !body.strip().startsWith("{")) {
            return null;
        }
        try (JsonReader r = Fields.JSON.createReader(new StringReader(body))) {
            return r.readObject();
        } catch (RuntimeException e) {
            return null;
        }
    }
}

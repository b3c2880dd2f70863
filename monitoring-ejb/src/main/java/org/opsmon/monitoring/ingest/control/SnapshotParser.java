package org.opsmon.monitoring.ingest.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.ingest.entity.Snapshot;

/**
 * Turns a request body from an agent (HTTP or WebSocket) into validated snapshots: strict JSON
 * ({@link JsonInput}), then per snapshot the flat form ({@link FlatForm}) or the rich form
 * ({@link RichForm}), never a mix of both. The whole body is checked before anything is stored,
 * and the first problem is reported with its JSON path, e.g.
 * {@code [2].disk[0].percentage: must be between 0 and 100, got 140}.
 */
@ApplicationScoped
public class SnapshotParser {

    /** How far ahead of the server's clock a timestamp may be: clocks drift a little, units a lot. */
    public static final Duration MAX_FUTURE = Duration.ofMinutes(5);
    /** Timestamps before this year are a unit mistake, not history. */
    static final int EARLIEST_YEAR = 2000;
    static final Instant EARLIEST = LocalDate.of(EARLIEST_YEAR, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    static final int MAX_SNAPSHOTS = 1000;

    private final Clock clock;

    public SnapshotParser() {
        this(Clock.systemUTC());
    }

    public SnapshotParser(Clock clock) {
        this.clock = clock;
    }

    /**
     * A body of one snapshot object or an array of them. A refused snapshot's problem carries
     * the sequence number of the body's first snapshot, for the stream's error answer.
     */
    public List<Snapshot> parse(byte[] body) {
        JsonValue json = JsonInput.parse(body);
        try {
            return parse(json);
        } catch (InvalidSnapshotException e) {
            throw e.about(firstSeq(json));
        }
    }

    List<Snapshot> parse(JsonValue body) {
        JsonFields.followsTextRule(body, "");
        Instant now = clock.instant();
        if (body instanceof JsonObject object) {
            return List.of(snapshot(object, "", now));
        }
        if (body instanceof JsonArray array) {
            if (array.isEmpty()) {
                throw new InvalidSnapshotException("", "the array holds no snapshot");
            }
            if (array.size() > MAX_SNAPSHOTS) {
                throw new InvalidSnapshotException("", "at most " + MAX_SNAPSHOTS + " snapshots per request, got "
                        + array.size());
            }
            List<Snapshot> snapshots = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                if (!(array.get(i) instanceof JsonObject object)) {
                    throw new InvalidSnapshotException("[" + i + "]", "must be a JSON object");
                }
                snapshots.add(snapshot(object, "[" + i + "]", now));
            }
            return snapshots;
        }
        throw new InvalidSnapshotException("", "the body must be a snapshot object or an array of snapshots");
    }

    private static Snapshot snapshot(JsonObject json, String path, Instant now) {
        String flat = firstMember(json, FlatForm.KEYS, false);
        String rich = firstMember(json, RichForm.KEYS, false);
        if (flat != null && rich != null) {
            throw new InvalidSnapshotException(path, "mixes the flat form (" + flat + ") with the rich form ("
                    + rich + "); send one or the other");
        }
        JsonFields in = new JsonFields(json, path);
        if (rich != null) {
            return RichForm.read(in, json, now);
        }
        if (flat != null) {
            return FlatForm.read(in, json, now);
        }
        // Only null members: the form they belong to says what is missing.
        if (firstMember(json, RichForm.KEYS, true) != null) {
            return RichForm.read(in, json, now);
        }
        if (firstMember(json, FlatForm.KEYS, true) != null) {
            return FlatForm.read(in, json, now);
        }
        throw new InvalidSnapshotException(path, "carries no known metric (expected the flat form "
                + "{cpu_load, mem, storage, time} or the rich form {timestamp, processor, memory, ...})");
    }

    /** The first member, in the sender's order, of the given names; null members count only if asked. */
    private static String firstMember(JsonObject json, Set<String> names, boolean withNulls) {
        for (Map.Entry<String, JsonValue> member : json.entrySet()) {
            if (names.contains(member.getKey())
                    && (withNulls || member.getValue().getValueType() != JsonValue.ValueType.NULL)) {
                return member.getKey();
            }
        }
        return null;
    }

    /**
     * A time in seconds since the epoch (fractions kept to the millisecond); absent means
     * {@code reference}. It may lie up to {@link #MAX_FUTURE} after {@code reference}, the
     * server's clock for a snapshot: anything later, or before {@link #EARLIEST}, is in the wrong unit.
     */
    static Instant time(JsonFields in, String field, Instant reference) {
        Double seconds = in.number(field);
        if (seconds == null) {
            return reference.truncatedTo(ChronoUnit.MILLIS);
        }
        Instant time = Instant.ofEpochMilli(Math.round(seconds * 1000.0));
        if (time.isAfter(reference.plus(MAX_FUTURE))) {
            throw in.invalid(field, "is more than " + MAX_FUTURE.toMinutes() + " minutes in the future (" + time
                    + "); seconds since the epoch are expected");
        }
        if (time.isBefore(EARLIEST)) {
            throw in.invalid(field, "is before the year " + EARLIEST_YEAR + "; seconds since the epoch are expected");
        }
        return time;
    }

    /** The seq of the body's first snapshot, read leniently: the body may be the invalid part. */
    private static Long firstSeq(JsonValue json) {
        JsonValue first = json instanceof JsonArray array && !array.isEmpty() ? array.get(0) : json;
        if (first instanceof JsonObject object && object.get("seq") instanceof JsonNumber seq) {
            return seq.longValue();
        }
        return null;
    }
}

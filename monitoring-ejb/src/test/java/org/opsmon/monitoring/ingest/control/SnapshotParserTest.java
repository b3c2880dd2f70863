package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;
import org.opsmon.monitoring.ingest.entity.Measurement;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.Snapshot;
import org.opsmon.monitoring.platform.entity.RequestProblem;

/** What the parser decides for the whole body: times, arrays, which form, refusals naming the snapshot. */
class SnapshotParserTest extends SnapshotParsing {

    @Nested
    class Time {

        @Test
        void upToFiveMinutesAheadIsAccepted() {
            assertEquals(Instant.ofEpochSecond(NOW_S + 300), one("{'cpu_load':1,'time':" + (NOW_S + 300) + "}").time());
        }

        @Test
        void moreThanFiveMinutesAheadIsRejected() {
            assertRejected("{'cpu_load':1,'time':" + (NOW_S + 301) + "}",
                    "time: is more than 5 minutes in the future (2026-03-01T12:05:01Z); seconds since the epoch are expected");
        }

        @Test
        void millisecondsInsteadOfSecondsAreRejectedAsFuture() {
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class,
                    () -> parse("{'timestamp':" + NOW.toEpochMilli() + ",'processor':{'usage_percent':1}}"));
            assertTrue(e.getMessage().startsWith("timestamp: is more than 5 minutes in the future"), e.getMessage());
        }

        @Test
        void theYear2000IsTheEarliest() {
            assertEquals(Instant.parse("2000-01-01T00:00:00Z"), one("{'cpu_load':1,'time':946684800}").time());
            assertRejected("{'cpu_load':1,'time':946684799.999}",
                    "time: is before the year 2000; seconds since the epoch are expected");
            assertRejected("{'cpu_load':1,'time':0}", "time: is before the year 2000; seconds since the epoch are expected");
        }

        @Test
        void hugeTimestampsDoNotOverflow() {
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> parse("{'cpu_load':1,'time':1e300}"));
            assertTrue(e.getMessage().startsWith("time: is more than 5 minutes in the future"), e.getMessage());
            assertRejected("{'cpu_load':1,'time':-1e300}", "time: is before the year 2000; seconds since the epoch are expected");
        }
    }

    @Nested
    class Forms {

        @Test
        void mixingTheFlatAndTheRichFormIsRefusedNamingBoth() {
            assertRejected("{'cpu_load':99,'processor':{'usage_percent':1}}",
                    "mixes the flat form (cpu_load) with the rich form (processor); send one or the other");
            assertRejected("[{'cpu_load':1},{'seq':3,'mem':5,'time':1646650624}]",
                    "[1]: mixes the flat form (mem) with the rich form (seq); send one or the other");
        }

        @Test
        void nullMembersDoNotMixTheForms() {
            Snapshot rich = one("{'cpu_load':null,'processor':{'usage_percent':1}}");
            assertEquals(List.of(Measurement.gauge(SeriesKey.of("processor.usage_percent"), 1.0)), rich.measurements());
            Snapshot flat = one("{'mem':1,'seq':null}");
            assertEquals(List.of(Measurement.gauge(SeriesKey.of("memory.used"), MIB)), flat.measurements());
        }

    }

    @Nested
    class Arrays {

        @Test
        void parsesEveryItemInOrder() {
            List<Snapshot> snapshots = parse("[{'cpu_load':1,'time':1646650624},"
                    + "{'timestamp':1646650634,'seq':7,'memory':{'percentage':50}}]");
            assertEquals(2, snapshots.size());
            assertEquals(Instant.ofEpochSecond(1646650624), snapshots.get(0).time());
            assertEquals(1.0, value(snapshots.get(0), "processor.usage_percent"));
            assertEquals(7L, snapshots.get(1).seq());
            assertEquals(50.0, value(snapshots.get(1), "memory.percentage"));
            assertEquals("{\"cpu_load\":1,\"time\":1646650624}", snapshots.get(0).json().toString());
        }

        @Test
        void pathsStartWithTheItemIndex() {
            assertRejected("[{'cpu_load':1},{'cpu_load':2},{'disk':[{'path':'/','percentage':140}]}]",
                    "[2].disk[0].percentage: must be between 0 and 100, got 140");
            assertRejected("[{'cpu_load':1},{'time':1646650624}]",
                    "[1]: carries no value: cpu_load, mem or storage is required");
            assertRejected("[{'cpu_load':1},{'timestamp':1646650624}]", "[1]: carries no metric and no command");
        }

        @Test
        void emptyArray() {
            assertRejected("[]", "the array holds no snapshot");
        }

        @Test
        void nonObjectItems() {
            assertRejected("[{'cpu_load':1},5]", "[1]: must be a JSON object");
            assertRejected("[null]", "[0]: must be a JSON object");
            assertRejected("[[{'cpu_load':1}]]", "[0]: must be a JSON object");
        }

        @Test
        void thousandSnapshotsAreAcceptedAndOneMoreIsNot() {
            assertEquals(1000, parser.parse(flatSnapshots(1000)).size());
            assertRejected(flatSnapshots(1001).toString(), "at most 1000 snapshots per request, got 1001");
        }

        private JsonValue flatSnapshots(int count) {
            JsonArrayBuilder array = Json.createArrayBuilder();
            for (int i = 0; i < count; i++) {
                array.add(Json.createObjectBuilder().add("cpu_load", 1).add("time", 1646650624L + i));
            }
            return array.build();
        }
    }

    @Nested
    class UnknownShapes {

        static final String NO_KNOWN_METRIC = "carries no known metric (expected the flat form "
                + "{cpu_load, mem, storage, time} or the rich form {timestamp, processor, memory, ...})";

        @Test
        void objectWithoutKnownKeys() {
            assertRejected("{'cpu':5,'memory_used':3}", NO_KNOWN_METRIC);
            assertRejected("{}", NO_KNOWN_METRIC);
            assertRejected("[{'cpu_load':1},{'load':3}]", "[1]: " + NO_KNOWN_METRIC);
        }

        @Test
        void bodyThatIsNeitherObjectNorArray() {
            for (String body : List.of("5", "'text'", "null", "true")) {
                assertRejected(body, "the body must be a snapshot object or an array of snapshots");
            }
        }
    }

    @Nested
    class Bodies {

        List<Snapshot> parseBody(String text) {
            return parser.parse(text.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        }

        @Test
        void aBodyOfSeveralSnapshots() {
            assertEquals(2, parseBody("[{'cpu_load':1},{'mem':2}]").size());
        }

        @Test
        void aRefusalCarriesTheSeqOfTheBodysFirstSnapshot() {
            InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> parseBody(
                    "[{'seq':5,'processor':{'usage_percent':1}},{'seq':6,'processor':{'usage_percent':300}}]"));
            assertEquals("[1].processor.usage_percent: must be between 0 and 100, got 300", e.getMessage());
            assertEquals(5L, e.seq());
            assertEquals("invalid_snapshot", e.code());
            assertNull(assertThrows(InvalidSnapshotException.class, () -> parseBody("{'cpu_load':300}")).seq());
        }

        @Test
        void aBodyThatIsNotJsonIsInvalidJson() {
            RequestProblem e = assertThrows(RequestProblem.class, () -> parseBody("{'cpu_load':"));
            assertEquals("invalid_json", e.code());
            assertEquals(400, e.status());
        }
    }
}

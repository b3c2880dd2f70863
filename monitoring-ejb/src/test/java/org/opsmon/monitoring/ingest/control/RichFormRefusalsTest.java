package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.opsmon.monitoring.ingest.entity.InvalidSnapshotException;

/** Every refusal names the field's path and says what was wrong with it. */
class RichFormRefusalsTest extends SnapshotParsing {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{'disk':[{'path':'/','percentage':140}]}            | disk[0].percentage: must be between 0 and 100, got 140",
            "{'disk':[{'path':'/','total':10,'used':11}]}        | disk[0].used: is larger than total",
            "{'disk':[{'path':'/','used':-1}]}                   | disk[0].used: must not be negative, got -1",
            "{'disk':[{'percentage':1}]}                         | disk[0].path: is required",
            "{'disk':[{'path':null,'percentage':1}]}             | disk[0].path: is required",
            "{'disk':[{'path':'','percentage':1}]}               | disk[0].path: must not be empty",
            "{'disk':[{'path':5,'percentage':1}]}                | disk[0].path: must be a string, got a number",
            "{'disk':[{'path':'/','device':7}]}                  | disk[0].device: must be a string, got a number",
            "{'disk':{'path':'/'}}                               | disk: must be an array",
            "{'disk':[{'path':'/','used':1},3]}                  | disk[1]: must be an object",
            "{'memory':{'total':10,'used':11}}                   | memory.used: is larger than memory.total",
            "{'memory':{'swap_total':10,'swap_used':11}}         | memory.swap_used: is larger than memory.swap_total",
            "{'gpu':{'gpus':[{'id':0,'memory_total':10,'memory_used':11}]}} | gpu.gpus[0].memory_used: is larger than memory_total",
            "{'gpu':{'gpus':[{'id':0,'memory_total':10,'memory_reserved':11}]}} | gpu.gpus[0].memory_reserved: is larger than memory_total",
            "{'gpu':{'gpus':[{'id':0,'memory_reserved':-1}]}}    | gpu.gpus[0].memory_reserved: must not be negative, got -1",
            "{'agent':{'spool_corrupt':-1}}                      | agent.spool_corrupt: must not be negative, got -1",
            "{'agent':{'commands_truncated':1.5}}                | agent.commands_truncated: must be a whole number, got 1.5",
            "{'agent':{'dead_lettered':'3'}}                     | agent.dead_lettered: must be a number, got a string",
            "{'memory':{'percentage':100.01}}                    | memory.percentage: must be between 0 and 100, got 100.01",
            "{'memory':{'total':1e400}}                          | memory.total: is out of range",
            "{'memory':{'total':'16GB'}}                         | memory.total: must be a number, got a string",
            "{'memory':[1]}                                      | memory: must be an object",
            "{'processor':[1]}                                   | processor: must be an object",
            "{'processor':{'core_count':4.5}}                    | processor.core_count: must be a whole number, got 4.5",
            "{'processor':{'core_count':-4}}                     | processor.core_count: must not be negative, got -4",
            "{'processor':{'load_1':-0.1}}                       | processor.load_1: must not be negative, got -0.1",
            "{'processor':{'per_core_usage':[10,'x']}}           | processor.per_core_usage[1]: must be a number, got a string",
            "{'processor':{'per_core_usage':[10,null]}}          | processor.per_core_usage[1]: must be a number, got null",
            "{'processor':{'per_core_usage':[10,101]}}           | processor.per_core_usage[1]: must be between 0 and 100, got 101",
            "{'processor':{'per_core_usage':[-0.5]}}             | processor.per_core_usage[0]: must be between 0 and 100, got -0.5",
            "{'processor':{'per_core_usage':[1e400]}}            | processor.per_core_usage[0]: is out of range",
            "{'processor':{'per_core_usage':5}}                  | processor.per_core_usage: must be an array",
            "{'network':[{'interface':'eth0','bytes_recv':-1}]}  | network[0].bytes_recv: must not be negative, got -1",
            "{'network':[{'bytes_recv':1}]}                      | network[0].interface: is required",
            "{'disk_io':[{'device':'sda','reads':'many'}]}       | disk_io[0].reads: must be a number, got a string",
            "{'gpu':{'gpus':[{'id':0,'temperature':250}]}}       | gpu.gpus[0].temperature: must be between -100 and 200, got 250",
            "{'gpu':{'gpus':[{'id':0,'gpu_usage_percent':101}]}} | gpu.gpus[0].gpu_usage_percent: must be between 0 and 100, got 101",
            "{'gpu':{'gpus':[{'memory_used':1}]}}                | gpu.gpus[0].id: is required",
            "{'gpu':{'count':1.5}}                               | gpu.count: must be a whole number, got 1.5",
            "{'gpu':{'gpus':{}}}                                 | gpu.gpus: must be an array",
            "{'collectors':[{'name':'cpu','success':'yes'}]}     | collectors[0].success: must be true or false, got a string",
            "{'collectors':[{'name':'cpu','duration_ms':-3}]}    | collectors[0].duration_ms: must not be negative, got -3",
            "{'system':{'hostname':5,'processes':1}}             | system.hostname: must be a string, got a number",
            "{'system':{'processes':1.5}}                        | system.processes: must be a whole number, got 1.5",
            "{'system':{'boot_time':-1}}                         | system.boot_time: must not be negative, got -1",
            "{'system':{'boot_time':9.4e12}}                     | system.boot_time: is later than 100000000000; seconds since the epoch are expected",
            "{'disk':[{'path':'/','device':'DEVICE_257','used':1}]} | disk[0].device: is longer than 256 characters",
            "{'link':{'rtt_ms':-1}}                              | link.rtt_ms: must not be negative, got -1",
            "{'agent':{'version':2,'spool_bytes':1}}             | agent.version: must be a string, got a number",
            "{'commands':[{'user':'root'}]}                      | commands[0].command: is required",
            "{'commands':[{'command':'ls'}]}                     | commands[0].user: is required",
            "{'commands':[{'user':'root','command':''}]}         | commands[0].command: must not be empty",
            "{'commands':[{'user':'root','command':'ls','source':'cron'}]} | commands[0].source: must be \"process\" or \"history\"",
            "{'commands':[{'user':'root','command':'ls','pid':1.5}]}      | commands[0].pid: must be a whole number, got 1.5",
            "{'commands':[{'user':'root','command':'ls','started_at':1}]} | commands[0].started_at: is before the year 2000; seconds since the epoch are expected",
            "{'timestamp':'now','processor':{'usage_percent':1}} | timestamp: must be a number, got a string",
    })
    void rejectsWithThePathOfTheField(String text, String message) {
        assertRejected(text.replace("DEVICE_257", "d".repeat(257)), message);
    }

    @Test
    void labelLongerThan256CharactersIsRejected() {
        assertRejected("{'disk':[{'path':'/" + "a".repeat(256) + "','percentage':5}]}",
                "disk[0].path: is longer than 256 characters");
    }

    @Test
    void commandsAreLimitedTo4096Characters() {
        assertEquals(4096, one("{'commands':[{'user':'u','command':'" + "x".repeat(4096) + "'}]}")
                .commands().get(0).command().length());
        assertRejected("{'commands':[{'user':'u','command':'" + "x".repeat(4097) + "'}]}",
                "commands[0].command: is longer than 4096 characters");
    }

    @Test
    void otherStringsAreLimitedTo1024Characters() {
        assertRejected("{'system':{'hostname':'" + "h".repeat(1025) + "','processes':1}}",
                "system.hostname: is longer than 1024 characters");
    }

    @Test
    void listsAreLimitedTo4096Items() {
        String cores = "[" + "1,".repeat(4096) + "1]";
        assertRejected("{'processor':{'per_core_usage':" + cores + "}}",
                "processor.per_core_usage: has more than 4096 items");
    }

    @Test
    void commandMayNotStartMoreThanFiveMinutesAfterItsSnapshot() {
        long snapshot = NOW_S - 3600;
        assertEquals(Instant.ofEpochSecond(snapshot + 300), one("{'timestamp':" + snapshot
                + ",'commands':[{'user':'u','command':'ls','started_at':" + (snapshot + 300) + "}]}")
                .commands().get(0).startedAt());
        InvalidSnapshotException e = assertThrows(InvalidSnapshotException.class, () -> parse("{'timestamp':"
                + snapshot + ",'commands':[{'user':'u','command':'ls','started_at':" + (snapshot + 301) + "}]}"));
        assertTrue(e.getMessage().startsWith("commands[0].started_at: is more than 5 minutes in the future"),
                e.getMessage());
    }
}

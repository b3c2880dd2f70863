package org.opsmon.monitoring.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.opsmon.monitoring.ingest.control.SeriesNames.ListSection;
import org.opsmon.monitoring.ingest.entity.SamplesIngested;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.StoredSample;

/** A stored snapshot as live views show it: everything stored, derived values and rates included. */
class RichFormViewTest {

    static final Instant T = Instant.parse("2026-03-01T12:00:00.250Z");

    @Test
    void storedValuesRatesAndTextsInTheRichForm() {
        SamplesIngested ingested = new SamplesIngested(7, "web-01", T, List.of(
                new StoredSample(SeriesNames.CPU_USAGE, 12.5),
                new StoredSample(SeriesNames.core(1), 20),
                new StoredSample(SeriesNames.core(0), 10),
                new StoredSample(SeriesKey.of("memory.percentage"), 81.25),
                new StoredSample(ListSection.DISK.item("percentage", "/"), 96.2),
                new StoredSample(ListSection.NETWORK.item("bytes_recv", "eth0"), 6000),
                new StoredSample(ListSection.NETWORK.item("bytes_recv_per_s", "eth0"), 500),
                new StoredSample(SeriesNames.STORAGE_PERCENTAGE, 25)),
                Map.of("system.hostname", "web-01"));
        assertEquals(SnapshotParsing.json("""
                {'timestamp':1772366400.250,
                 'processor':{'usage_percent':12.5,'per_core_usage':[10,20]},
                 'memory':{'percentage':81.25},
                 'disk':[{'path':'/','percentage':96.2}],
                 'network':[{'interface':'eth0','bytes_recv':6000,'bytes_recv_per_s':500}],
                 'storage':{'percentage':25},
                 'system':{'hostname':'web-01'}}"""), RichFormView.of(ingested));
    }

    @Test
    void anEventWithoutTextsStillRenders() {
        SamplesIngested ingested = new SamplesIngested(7, "self", T, List.of(new StoredSample(SeriesNames.CPU_USAGE, 1)));
        assertEquals(SnapshotParsing.json("{'timestamp':1772366400.250,'processor':{'usage_percent':1}}"),
                RichFormView.of(ingested));
    }
}

package org.opsmon.monitoring.ingest.entity;

/**
 * New series a request brought that a limit kept out, with their samples: how many, and the
 * first limit that dropped one, as its code and a sentence naming it and its value. Samples of
 * existing series were stored all the same.
 */
public record SeriesDrops(int count, String limit, String message) {

    public static final SeriesDrops NONE = new SeriesDrops(0, null, null);

    public boolean any() {
        return count > 0;
    }
}

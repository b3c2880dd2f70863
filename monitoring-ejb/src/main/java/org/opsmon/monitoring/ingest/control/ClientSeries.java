package org.opsmon.monitoring.ingest.control;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.opsmon.monitoring.ingest.entity.SeriesKey;
import org.opsmon.monitoring.ingest.entity.SeriesLimit;
import org.opsmon.monitoring.ingest.entity.SeriesLimits;

/**
 * What the server keeps of one client's series: their ids (committed ones only), the new series
 * admitted but not yet committed, the new series of the current minute, and the drops. Counting
 * happens here so that a request never asks the database how many series its client has, and
 * admission is synchronized so that concurrent requests of one client cannot both take the last
 * place.
 */
final class ClientSeries {

    private final Map<SeriesKey, Long> ids;
    private int pending;
    private long minute = Long.MIN_VALUE;
    private int newThisMinute;
    private long dropped;
    private long reportedMinute = Long.MIN_VALUE;
    private final Map<SeriesLimit, Integer> unreported = new EnumMap<>(SeriesLimit.class);

    ClientSeries(Map<SeriesKey, Long> committed) {
        this.ids = new ConcurrentHashMap<>(committed);
    }

    Long id(SeriesKey key) {
        return ids.get(key);
    }

    /**
     * Takes a place for a new series, or names the limit that refuses it. A refused series takes
     * no place, so an agent's stable series keep their places while a flood of new names is cut off.
     */
    synchronized SeriesLimit admit(SeriesKey key, SeriesLimits limits, long nowMinute) {
        SeriesLimit labels = limits.refusedLabels(key);
        if (labels != null) {
            return labels;
        }
        if (ids.size() + pending >= limits.perClient()) {
            return SeriesLimit.SERIES_PER_CLIENT;
        }
        if (nowMinute != minute) {
            minute = nowMinute;
            newThisMinute = 0;
        }
        if (newThisMinute >= limits.newPerMinute()) {
            return SeriesLimit.NEW_PER_MINUTE;
        }
        newThisMinute++;
        pending++;
        return null;
    }

    /** The created series are committed: from now on they are known. */
    void committed(Map<SeriesKey, Long> created) {
        ids.putAll(created);
    }

    /** The request that admitted these series ended (committed or rolled back): their places are settled. */
    synchronized void settled(int admitted) {
        pending -= admitted;
    }

    /**
     * Counts the drops of a committed request; returns a report for the log when none was made for
     * this client in the current minute (with everything dropped since the last one), else null.
     */
    synchronized Map<SeriesLimit, Integer> dropped(Map<SeriesLimit, Integer> drops, long nowMinute) {
        drops.forEach((limit, count) -> {
            dropped += count;
            unreported.merge(limit, count, Integer::sum);
        });
        if (unreported.isEmpty() || nowMinute == reportedMinute) {
            return null;
        }
        reportedMinute = nowMinute;
        Map<SeriesLimit, Integer> report = new EnumMap<>(unreported);
        unreported.clear();
        return report;
    }

    synchronized long dropped() {
        return dropped;
    }

    int size() {
        return ids.size();
    }
}

package org.opsmon.monitoring.selfmonitor.entity;

/**
 * How fast the process grew, per hour, over the samples kept from the last window: the slope of
 * a least-squares line, so that one spike moves it little. A null rate had fewer than two samples.
 *
 * @param windowS seconds between the oldest and the newest sample the rates were computed from
 */
public record ProcessGrowth(Double heapAfterGc, Double rss, Double threads, Double openFiles, long windowS) {

    public static final ProcessGrowth NONE = new ProcessGrowth(null, null, null, null, 0);
}

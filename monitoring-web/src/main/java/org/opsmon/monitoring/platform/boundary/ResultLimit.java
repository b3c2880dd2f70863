package org.opsmon.monitoring.platform.boundary;

import org.opsmon.monitoring.platform.entity.RequestProblem;

/**
 * The {@code limit} of a listing: a default when none is given, and a configured ceiling whose
 * error names the setting that raises it.
 *
 * @param setting the configuration key of {@code max}, quoted in the error
 */
public record ResultLimit(int defaultLimit, int max, String setting) {

    /** The limit to apply: the given one, or the default (never above the ceiling). */
    public int resolve(Integer limit) {
        if (limit == null) {
            return Math.min(defaultLimit, max);
        }
        if (limit < 1) {
            throw RequestProblem.badRequest("invalid_limit", "limit must be at least 1");
        }
        if (limit > max) {
            throw RequestProblem.badRequest("limit_too_large", "limit may be at most " + max + " (" + setting + ")");
        }
        return limit;
    }
}

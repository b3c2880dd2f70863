package org.opsmon.monitoring.history.entity;

/**
 * How much one history read may load: report rows and the report's range in days, series per
 * selection, points per series and points in all. The database enforces the row and point
 * budgets (a LIMIT one past the budget tells an answer that fits from one that does not), so
 * an oversized read costs the server no more memory than an answer at the limit.
 */
public record ReadBudget(int reportRows, int reportDays, int series, int pointsPerSeries, int points) {

    public static final String REPORT_ROWS_DEFAULT = "100000";
    public static final String REPORT_DAYS_DEFAULT = "31";
    public static final String SERIES_DEFAULT = "500";
    public static final String POINTS_PER_SERIES_DEFAULT = "11000";
    public static final String POINTS_DEFAULT = "1000000";

    public static final ReadBudget DEFAULTS = new ReadBudget(Integer.parseInt(REPORT_ROWS_DEFAULT),
            Integer.parseInt(REPORT_DAYS_DEFAULT), Integer.parseInt(SERIES_DEFAULT),
            Integer.parseInt(POINTS_PER_SERIES_DEFAULT), Integer.parseInt(POINTS_DEFAULT));

    public ReadBudget {
        if (reportRows < 1 || reportDays < 1 || series < 1 || pointsPerSeries < 1 || points < 1) {
            throw new IllegalArgumentException("Read budgets must be at least 1: " + reportRows + ", " + reportDays
                    + ", " + series + ", " + pointsPerSeries + ", " + points);
        }
    }
}

-- Samples partitioned by day so retention drops whole partitions instead of deleting rows.
CREATE TABLE sample (
    series_id  BIGINT NOT NULL,
    ts         TIMESTAMP WITH TIME ZONE NOT NULL,
    val        DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (series_id, ts)
) PARTITION BY RANGE (ts);

-- Catches anything outside the prepared days (late replays, clock skew) so no sample is refused.
CREATE TABLE sample_default PARTITION OF sample DEFAULT;

-- Creates the daily partition holding the given day if it is missing.
CREATE OR REPLACE FUNCTION ensure_sample_partition(day DATE) RETURNS VOID AS $$
DECLARE
    part TEXT := 'sample_' || to_char(day, 'YYYYMMDD');
BEGIN
    IF to_regclass(part) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF sample FOR VALUES FROM (%L) TO (%L)',
                       part, day::timestamp AT TIME ZONE 'UTC', (day + 1)::timestamp AT TIME ZONE 'UTC');
    END IF;
END;
$$ LANGUAGE plpgsql;

SELECT ensure_sample_partition(CAST(now() AT TIME ZONE 'UTC' AS DATE) - 1);
SELECT ensure_sample_partition(CAST(now() AT TIME ZONE 'UTC' AS DATE));
SELECT ensure_sample_partition(CAST(now() AT TIME ZONE 'UTC' AS DATE) + 1);

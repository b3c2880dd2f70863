-- A day's partition can now be created even when samples for that day already landed in the
-- default partition (replays of old spools, clock skew): those rows move into the new partition.
-- Partition bounds are UTC midnights.
CREATE OR REPLACE FUNCTION ensure_sample_partition(day DATE) RETURNS VOID AS $$
DECLARE
    part TEXT := 'sample_' || to_char(day, 'YYYYMMDD');
    -- Days are UTC days whatever the session's time zone, so partitions never overlap.
    low  TIMESTAMPTZ := day::timestamp AT TIME ZONE 'UTC';
    high TIMESTAMPTZ := (day + 1)::timestamp AT TIME ZONE 'UTC';
BEGIN
    IF to_regclass(part) IS NOT NULL THEN
        RETURN;
    END IF;
    -- Writers wait for the moment this takes, so no row for the day slips into the default
    -- partition between the move and the attach.
    LOCK TABLE sample IN ACCESS EXCLUSIVE MODE;
    IF to_regclass(part) IS NOT NULL THEN
        RETURN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM sample_default WHERE ts >= low AND ts < high) THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF sample FOR VALUES FROM (%L) TO (%L)', part, low, high);
        RETURN;
    END IF;
    EXECUTE format('CREATE TABLE %I (LIKE sample INCLUDING DEFAULTS)', part);
    EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I CHECK (ts >= %L AND ts < %L)',
                   part, part || '_range', low, high);
    EXECUTE format('WITH moved AS (DELETE FROM sample_default WHERE ts >= %L AND ts < %L RETURNING series_id, ts, val) '
                   || 'INSERT INTO %I (series_id, ts, val) SELECT series_id, ts, val FROM moved', low, high, part);
    EXECUTE format('ALTER TABLE sample ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, low, high);
    -- The range constraint only served to make the attach skip its validation scan.
    EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', part, part || '_range');
END;
$$ LANGUAGE plpgsql;

-- Gives each day found in the default partition its own partition (most recent days first, at
-- most max_days per call); returns how many days were adopted. Run hourly by the server.
CREATE OR REPLACE FUNCTION adopt_default_sample_days(max_days INT) RETURNS INT AS $$
DECLARE
    d DATE;
    adopted INT := 0;
BEGIN
    FOR d IN SELECT DISTINCT CAST(ts AT TIME ZONE 'UTC' AS DATE) AS day FROM sample_default ORDER BY day DESC LIMIT max_days
    LOOP
        PERFORM ensure_sample_partition(d);
        adopted := adopted + 1;
    END LOOP;
    RETURN adopted;
END;
$$ LANGUAGE plpgsql;

-- The embedded database keeps samples in one table; partitions are a PostgreSQL feature.
CREATE TABLE sample (
    series_id  BIGINT NOT NULL,
    ts         TIMESTAMP WITH TIME ZONE NOT NULL,
    val        DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (series_id, ts)
);

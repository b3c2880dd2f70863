-- Alert rules, and alerts with their history. Shared by PostgreSQL and H2 (PostgreSQL mode).

-- A rule: which series (metric, label matcher, one source or every source), how they compare with
-- the thresholds, and how long a breach must last. Clear thresholds are stored as effective values
-- (equal to their trigger when the rule gave none). Ids below 100 are the default rules below.
CREATE SEQUENCE alert_rule_seq START WITH 100 INCREMENT BY 1;
CREATE TABLE alert_rule (
    id                BIGINT PRIMARY KEY,
    name              VARCHAR(128) NOT NULL,
    metric            VARCHAR(128) NOT NULL,
    labels            VARCHAR(1024) NOT NULL DEFAULT '{}',
    source_client_id  BIGINT REFERENCES client (id) ON DELETE CASCADE,
    comparison        VARCHAR(2) NOT NULL,
    warning           DOUBLE PRECISION,
    critical          DOUBLE PRECISION,
    clear_warning     DOUBLE PRECISION,
    clear_critical    DOUBLE PRECISION,
    for_s             BIGINT NOT NULL,
    renotify_s        BIGINT NOT NULL,
    enabled           BOOLEAN NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT alert_rule_name_uk UNIQUE (name),
    CONSTRAINT alert_rule_comparison_ck CHECK (comparison IN ('>', '>=', '<', '<=')),
    CONSTRAINT alert_rule_threshold_ck CHECK (warning IS NOT NULL OR critical IS NOT NULL)
);

-- One row per episode of one series (rule x source x labels). An open row (PENDING or FIRING) is
-- also the series' persisted evaluation state, so a restarted server resumes it instead of opening
-- a second alert. Rows of a deleted rule stay as history, with the rule's name.
CREATE SEQUENCE alert_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE alert (
    id                BIGINT PRIMARY KEY,
    rule_id           BIGINT REFERENCES alert_rule (id) ON DELETE SET NULL,
    rule_name         VARCHAR(128) NOT NULL,
    client_id         BIGINT NOT NULL REFERENCES client (id) ON DELETE CASCADE,
    metric            VARCHAR(128) NOT NULL,
    labels            VARCHAR(1024) NOT NULL DEFAULT '{}',
    state             VARCHAR(16) NOT NULL,
    level             VARCHAR(16) NOT NULL,
    val               DOUBLE PRECISION NOT NULL,
    threshold         DOUBLE PRECISION NOT NULL,
    message           VARCHAR(512) NOT NULL,
    pending_since     TIMESTAMP WITH TIME ZONE,
    started_at        TIMESTAMP WITH TIME ZONE,
    resolved_at       TIMESTAMP WITH TIME ZONE,
    last_sample_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_notified_at  TIMESTAMP WITH TIME ZONE,
    announced         BOOLEAN NOT NULL,
    acknowledged_by   VARCHAR(64),
    acknowledged_at   TIMESTAMP WITH TIME ZONE,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT alert_state_ck CHECK (state IN ('PENDING', 'FIRING', 'RESOLVED')),
    CONSTRAINT alert_level_ck CHECK (level IN ('WARNING', 'CRITICAL'))
);
CREATE INDEX alert_state_ix ON alert (state);
CREATE INDEX alert_client_ix ON alert (client_id, id);
CREATE INDEX alert_rule_ix ON alert (rule_id);

-- The default rules, created once: an admin may edit or delete them and they are not re-created.
INSERT INTO alert_rule (id, name, metric, labels, source_client_id, comparison, warning, critical, clear_warning,
                        clear_critical, for_s, renotify_s, enabled, created_at, updated_at)
VALUES
    (1, 'Memory usage', 'memory.percentage', '{}', NULL, '>', 80, 90, 75, 85, 0, 300, TRUE,
     CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    (2, 'Disk usage', 'disk.percentage', '{}', NULL, '>', 85, 95, 80, 90, 0, 300, TRUE,
     CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    (3, 'Free disk space', 'disk.free', '{}', NULL, '<', NULL, 1073741824, NULL, 1342177280, 0, 300, TRUE,
     CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    (4, 'CPU usage', 'processor.usage_percent', '{}', NULL, '>', 90, 95, 85, 90, 300, 300, TRUE,
     CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    (5, 'Agent silent', 'agent.missed_intervals', '{}', NULL, '>=', NULL, 3, NULL, 3, 0, 300, TRUE,
     CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    (6, 'Server heap after GC', 'process.heap.after_gc_percent', '{}', NULL, '>', 90, 98, 85, 95, 0, 300, TRUE,
     CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

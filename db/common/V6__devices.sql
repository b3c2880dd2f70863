-- Network devices polled over SNMP, and their interfaces. Shared by PostgreSQL and H2 (PostgreSQL mode).

-- A device is a client of kind 'device' (its samples, series and alerts hang off the client, so
-- history, rules and live push work as for agents); this row holds how to reach it. Credentials
-- (community, v3 passwords) are sealed with the server's key in secrets, never stored in clear.
CREATE TABLE device (
    client_id       BIGINT PRIMARY KEY REFERENCES client (id) ON DELETE CASCADE,
    address         VARCHAR(255) NOT NULL,
    port            INTEGER NOT NULL,
    version         VARCHAR(4) NOT NULL,
    snmp_user       VARCHAR(64),
    auth_protocol   VARCHAR(16),
    priv_protocol   VARCHAR(16),
    secrets         VARCHAR(2048) NOT NULL,
    poll_interval_s INTEGER NOT NULL,
    enabled         BOOLEAN NOT NULL,
    status          VARCHAR(16) NOT NULL,
    last_seen       TIMESTAMP WITH TIME ZONE,
    last_polled_at  TIMESTAMP WITH TIME ZONE,
    last_error      VARCHAR(512),
    sys_name        VARCHAR(255),
    sys_descr       VARCHAR(1024),
    sys_object_id   VARCHAR(255),
    sys_uptime_s    BIGINT,
    sys_location    VARCHAR(255),
    sys_contact     VARCHAR(255),
    discovered_at   TIMESTAMP WITH TIME ZONE,
    rates_discarded BIGINT NOT NULL DEFAULT 0,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT device_version_ck CHECK (version IN ('v1', 'v2c', 'v3')),
    CONSTRAINT device_status_ck CHECK (status IN ('unknown', 'online', 'offline'))
);

-- The interface table as discovery last read it. seen_up: the interface has been operationally up
-- at least once, which is what makes it "in use" for the interface-down series.
CREATE SEQUENCE device_interface_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE device_interface (
    id            BIGINT PRIMARY KEY,
    device_id     BIGINT NOT NULL REFERENCES device (client_id) ON DELETE CASCADE,
    if_index      INTEGER NOT NULL,
    name          VARCHAR(255) NOT NULL,
    descr         VARCHAR(255),
    alias         VARCHAR(255),
    if_type       INTEGER,
    speed_bps     BIGINT,
    admin_status  VARCHAR(16) NOT NULL,
    oper_status   VARCHAR(16) NOT NULL,
    seen_up       BOOLEAN NOT NULL,
    CONSTRAINT device_interface_uk UNIQUE (device_id, if_index)
);

-- Default rules for devices (ids below 100 are default rules, see V4). if.down is 1 only for an
-- interface an admin enabled (ifAdminStatus up) that has been up at least once and is not up now:
-- ports nobody ever connected do not have the series, so they never page.
INSERT INTO alert_rule (id, name, metric, labels, source_client_id, comparison, warning, critical, clear_warning,
                        clear_critical, for_s, renotify_s, enabled, created_at, updated_at)
VALUES
    (7, 'Device unreachable', 'device.reachable', '{}', NULL, '<', NULL, 1, NULL, 1, 0, 300, TRUE,
     CURRENT_TIMESTAMP, CURRENT_TIMESTAMP),
    (8, 'Interface down', 'if.down', '{}', NULL, '>=', NULL, 1, NULL, 1, 0, 300, TRUE,
     CURRENT_TIMESTAMP, CURRENT_TIMESTAMP);

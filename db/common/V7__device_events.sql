-- What devices tell about themselves: status changes the poller sees, SNMP traps and syslog
-- messages. Shared by PostgreSQL and H2 (which runs in PostgreSQL mode).
--
-- received_at is when the server received or recorded the event, on the server's clock: listings,
-- filters and retention use it, because a device's own clock is often wrong or unset.
-- reported_at is the device's own timestamp where the message carried one (syslog).
-- severity is the syslog scale for every type (0 emergency … 7 debug), so one filter serves all.
-- variables holds a trap's variable bindings as a JSON array of {"oid","type","value"}.
CREATE SEQUENCE device_event_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE device_event (
    id              BIGINT PRIMARY KEY,
    client_id       BIGINT NOT NULL REFERENCES client (id) ON DELETE CASCADE,
    type            VARCHAR(16) NOT NULL,
    received_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    reported_at     TIMESTAMP WITH TIME ZONE,
    severity        SMALLINT NOT NULL,
    facility        SMALLINT,
    source_address  VARCHAR(64),
    hostname        VARCHAR(255),
    app_name        VARCHAR(48),
    trap_oid        VARCHAR(512),
    variables       TEXT,
    message         VARCHAR(2048) NOT NULL,
    CONSTRAINT device_event_type_ck CHECK (type IN ('status', 'trap', 'syslog')),
    CONSTRAINT device_event_severity_ck CHECK (severity BETWEEN 0 AND 7),
    CONSTRAINT device_event_facility_ck CHECK (facility IS NULL OR facility BETWEEN 0 AND 23)
);
CREATE INDEX device_event_client_ix ON device_event (client_id, received_at);
CREATE INDEX device_event_time_ix ON device_event (received_at);

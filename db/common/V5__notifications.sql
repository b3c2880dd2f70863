-- Notification channels and the outbox of notifications to deliver through them.
-- Shared by PostgreSQL and H2 (which runs in PostgreSQL mode).

-- A channel: where notifications go (log, file, email, webhook, Slack) and which alerts it wants.
-- settings and filters are JSON; secrets (SMTP password, webhook header values, the Slack
-- webhook URL) are never in settings but sealed with the server's key in secrets.
CREATE SEQUENCE notification_channel_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE notification_channel (
    id             BIGINT PRIMARY KEY,
    name           VARCHAR(64)   NOT NULL,
    type           VARCHAR(16)   NOT NULL,
    settings       VARCHAR(8192) NOT NULL,
    secrets        VARCHAR(8192),
    filters        VARCHAR(8192) NOT NULL,
    enabled        BOOLEAN       NOT NULL,
    handled        BIGINT        NOT NULL DEFAULT 0,
    errors         BIGINT        NOT NULL DEFAULT 0,
    last_error     VARCHAR(1024),
    last_error_at  TIMESTAMP WITH TIME ZONE,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT notification_channel_name_uk UNIQUE (name),
    CONSTRAINT notification_channel_type_ck CHECK (type IN ('log', 'file', 'email', 'webhook', 'slack'))
);

-- The outbox: one row is one message to one channel, carrying one or more alert changes (a
-- group). It is written in the transaction that records the alert change, so a change is never
-- recorded without its notifications. While a row is pending, unclaimed and inside its grouping
-- window (group_until), later changes for the same channel join it. A sender claims a due row by
-- setting claimed_until (a lease: a sender that dies lets it expire and the row is tried again).
CREATE SEQUENCE notification_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE notification (
    id               BIGINT PRIMARY KEY,
    channel_id       BIGINT NOT NULL REFERENCES notification_channel (id) ON DELETE CASCADE,
    status           VARCHAR(16) NOT NULL,
    alerts           TEXT NOT NULL,
    alert_count      INTEGER NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    group_until      TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    claimed_until    TIMESTAMP WITH TIME ZONE,
    last_attempt_at  TIMESTAMP WITH TIME ZONE,
    last_error       VARCHAR(1024),
    sent_at          TIMESTAMP WITH TIME ZONE,
    CONSTRAINT notification_status_ck CHECK (status IN ('pending', 'sent', 'failed'))
);
CREATE INDEX notification_due_ix ON notification (status, due_at);
CREATE INDEX notification_channel_ix ON notification (channel_id, status);
CREATE INDEX notification_created_ix ON notification (created_at);

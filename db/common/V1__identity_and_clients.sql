-- Principals, their tokens, and the sources of samples (agents, the server itself, devices).
-- Shared by PostgreSQL and H2 (which runs in PostgreSQL mode).

CREATE SEQUENCE account_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE account (
    id             BIGINT PRIMARY KEY,
    username       VARCHAR(64)  NOT NULL,
    password_hash  VARCHAR(512) NOT NULL,
    role           VARCHAR(16)  NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT account_username_uk UNIQUE (username),
    CONSTRAINT account_role_ck CHECK (role IN ('admin', 'viewer', 'agent'))
);

CREATE SEQUENCE access_token_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE access_token (
    id          BIGINT PRIMARY KEY,
    account_id  BIGINT NOT NULL REFERENCES account (id) ON DELETE CASCADE,
    token_hash  VARCHAR(64) NOT NULL,
    issued_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    revoked_at  TIMESTAMP WITH TIME ZONE,
    CONSTRAINT access_token_hash_uk UNIQUE (token_hash)
);
CREATE INDEX access_token_account_ix ON access_token (account_id);
CREATE INDEX access_token_expiry_ix ON access_token (expires_at);

CREATE SEQUENCE client_seq START WITH 1 INCREMENT BY 1;
CREATE TABLE client (
    id                  BIGINT PRIMARY KEY,
    name                VARCHAR(64) NOT NULL,
    kind                VARCHAR(16) NOT NULL,
    account_id          BIGINT REFERENCES account (id) ON DELETE SET NULL,
    registered_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen           TIMESTAMP WITH TIME ZONE,
    latest_snapshot     TEXT,
    latest_snapshot_at  TIMESTAMP WITH TIME ZONE,
    first_sample_at     TIMESTAMP WITH TIME ZONE,
    last_sample_at      TIMESTAMP WITH TIME ZONE,
    CONSTRAINT client_name_uk UNIQUE (name),
    CONSTRAINT client_kind_ck CHECK (kind IN ('agent', 'self', 'device'))
);

-- A series is (source, metric, labels); labels are canonical JSON with sorted keys.
CREATE SEQUENCE series_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE series (
    id         BIGINT PRIMARY KEY,
    client_id  BIGINT NOT NULL REFERENCES client (id) ON DELETE CASCADE,
    metric     VARCHAR(128) NOT NULL,
    labels     VARCHAR(1024) NOT NULL DEFAULT '{}',
    CONSTRAINT series_key_uk UNIQUE (client_id, metric, labels)
);

-- Snapshots already stored, by the sender's sequence number: re-sends are stored once.
CREATE TABLE ingested_snapshot (
    client_id    BIGINT NOT NULL REFERENCES client (id) ON DELETE CASCADE,
    seq          BIGINT NOT NULL,
    sample_time  TIMESTAMP WITH TIME ZONE NOT NULL,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (client_id, seq)
);
CREATE INDEX ingested_snapshot_received_ix ON ingested_snapshot (received_at);

-- Commands users ran on a watched host (process starts and shell history lines).
CREATE SEQUENCE command_event_seq START WITH 1 INCREMENT BY 50;
CREATE TABLE command_event (
    id          BIGINT PRIMARY KEY,
    client_id   BIGINT NOT NULL REFERENCES client (id) ON DELETE CASCADE,
    username    VARCHAR(64) NOT NULL,
    command     VARCHAR(4096) NOT NULL,
    started_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    pid         BIGINT,
    origin      VARCHAR(16) NOT NULL
);
CREATE INDEX command_event_client_time_ix ON command_event (client_id, started_at);

-- The alert manager: its configuration (versioned), the alerts it received, its dispatcher state, silences,
-- escalation policies and their state, and the history of every notification attempt.

-- Every accepted Alertmanager configuration, newest last; the newest is the one in force.
CREATE TABLE am_config (
    version     BIGINT       PRIMARY KEY,
    yaml        TEXT         NOT NULL,
    created_by  VARCHAR(255) NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);

-- The received alerts, one per fingerprint, as merged (written before a send is acknowledged).
-- announced: the last state announced by an event (firing/resolved), so each change is announced once.
CREATE TABLE am_alert (
    fingerprint   CHAR(16)     PRIMARY KEY,
    labels        TEXT         NOT NULL,
    annotations   TEXT         NOT NULL,
    starts_at     TIMESTAMPTZ  NOT NULL,
    ends_at       TIMESTAMPTZ  NOT NULL,
    generator_url TEXT         NOT NULL,
    announced     VARCHAR(16)  NOT NULL,
    updated_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX am_alert_ends_at ON am_alert (ends_at);

-- The dispatcher's aggregation groups and notification log, one row, rewritten with every change.
CREATE TABLE am_dispatch_state (
    id        SMALLINT    PRIMARY KEY CHECK (id = 1),
    state     TEXT        NOT NULL,
    saved_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE am_silence (
    id          VARCHAR(36)  PRIMARY KEY,
    matchers    TEXT         NOT NULL,
    starts_at   TIMESTAMPTZ  NOT NULL,
    ends_at     TIMESTAMPTZ  NOT NULL,
    created_by  VARCHAR(255) NOT NULL,
    comment     TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX am_silence_ends_at ON am_silence (ends_at);

-- Escalation policies: matchers select the alert groups, levels say who is told after how long.
CREATE TABLE am_escalation_policy (
    name        VARCHAR(255) PRIMARY KEY,
    definition  TEXT         NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL
);

-- The escalation of each alert group and its acknowledgement, one row, rewritten with every change.
CREATE TABLE am_escalation_state (
    id        SMALLINT    PRIMARY KEY CHECK (id = 1),
    state     TEXT        NOT NULL,
    saved_at  TIMESTAMPTZ NOT NULL
);

-- Every notification attempt, delivered or not.
CREATE TABLE am_notification (
    id              BIGSERIAL    PRIMARY KEY,
    group_key       TEXT         NOT NULL,
    receiver        VARCHAR(255) NOT NULL,
    integration     VARCHAR(64)  NOT NULL,
    reason          VARCHAR(32)  NOT NULL,
    attempt         INTEGER      NOT NULL,
    alerts          INTEGER      NOT NULL,
    payload_digest  CHAR(64)     NOT NULL,
    status          VARCHAR(16)  NOT NULL,
    http_status     INTEGER,
    latency_ms      BIGINT       NOT NULL,
    error           TEXT,
    attempted_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX am_notification_time ON am_notification (attempted_at, id);
CREATE INDEX am_notification_receiver ON am_notification (receiver, attempted_at);

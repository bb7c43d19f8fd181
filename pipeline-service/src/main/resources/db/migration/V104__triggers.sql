-- Schedules (cron in a time zone) and event triggers (a CloudEvents type and filters), and their firings: each
-- firing is the intent to start one run, with that run's id chosen up front, so a firing starts at most one run
-- whichever instance (or how many times one) carries it out.
CREATE TABLE pipeline_schedule (
    id           UUID          PRIMARY KEY,
    pipeline_id  BIGINT        NOT NULL REFERENCES pipeline (id),
    description  VARCHAR(255)  NOT NULL DEFAULT '',
    cron         VARCHAR(256)  NOT NULL,
    timezone     VARCHAR(64)   NOT NULL,
    ref          VARCHAR(255)  NOT NULL,
    variables    TEXT          NOT NULL DEFAULT '{}', -- a JSON object of strings
    active       BOOLEAN       NOT NULL,
    next_run_at  TIMESTAMPTZ,
    owner        VARCHAR(128)  NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    updated_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX pipeline_schedule_due ON pipeline_schedule (next_run_at) WHERE active;
CREATE INDEX pipeline_schedule_by_pipeline ON pipeline_schedule (pipeline_id);

CREATE TABLE event_trigger (
    id           UUID          PRIMARY KEY,
    pipeline_id  BIGINT        NOT NULL REFERENCES pipeline (id),
    description  VARCHAR(255)  NOT NULL DEFAULT '',
    event_type   VARCHAR(255)  NOT NULL,
    filters      TEXT          NOT NULL, -- JSON: {"filters": [{field, operator, value}, ...]}
    ref          VARCHAR(255)  NOT NULL,
    variables    TEXT          NOT NULL DEFAULT '{}',
    active       BOOLEAN       NOT NULL,
    owner        VARCHAR(128)  NOT NULL,
    created_at   TIMESTAMPTZ   NOT NULL,
    updated_at   TIMESTAMPTZ   NOT NULL
);
CREATE INDEX event_trigger_by_type ON event_trigger (event_type) WHERE active;
CREATE INDEX event_trigger_by_pipeline ON event_trigger (pipeline_id);

CREATE TABLE trigger_firing (
    run_id        UUID          PRIMARY KEY,
    kind          VARCHAR(16)   NOT NULL, -- schedule, event
    origin_id     UUID          NOT NULL, -- the schedule or the event trigger
    occasion      VARCHAR(255)  NOT NULL, -- the instant scheduled for, or the event's id
    pipeline_name VARCHAR(63)   NOT NULL,
    ref           VARCHAR(255)  NOT NULL,
    variables     TEXT          NOT NULL, -- a JSON object of strings: the run's variables
    triggered_by  VARCHAR(255)  NOT NULL,
    depth         INTEGER       NOT NULL DEFAULT 0, -- runs started by events in a row
    state         VARCHAR(16)   NOT NULL, -- pending, started, failed
    attempts      INTEGER       NOT NULL DEFAULT 0,
    error         TEXT,
    created_at    TIMESTAMPTZ   NOT NULL,
    next_try_at   TIMESTAMPTZ   NOT NULL,
    finished_at   TIMESTAMPTZ,
    UNIQUE (kind, origin_id, occasion)
);
CREATE INDEX trigger_firing_due ON trigger_firing (next_try_at) WHERE state = 'pending';
CREATE INDEX trigger_firing_by_origin ON trigger_firing (origin_id, created_at DESC);

ALTER TABLE pipeline_run ADD COLUMN event_depth INTEGER NOT NULL DEFAULT 0;

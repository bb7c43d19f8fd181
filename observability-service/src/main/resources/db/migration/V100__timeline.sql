-- The event timeline: every domain event of every topic, queryable by correlation, type, subject and time.
CREATE TABLE timeline_event (
    event_id       VARCHAR(64)  PRIMARY KEY,
    event_type     VARCHAR(255) NOT NULL,
    source         VARCHAR(255) NOT NULL,
    subject        VARCHAR(255) NOT NULL,
    event_time     TIMESTAMPTZ  NOT NULL,
    correlation_id VARCHAR(128),
    trace_id       CHAR(32),
    topic          VARCHAR(255) NOT NULL,
    kafka_partition INTEGER     NOT NULL,
    kafka_offset   BIGINT       NOT NULL,
    data           TEXT         NOT NULL,
    recorded_at    TIMESTAMPTZ  NOT NULL
);

CREATE INDEX timeline_event_time ON timeline_event (event_time, event_id);
CREATE INDEX timeline_event_correlation ON timeline_event (correlation_id, event_time);
CREATE INDEX timeline_event_type ON timeline_event (event_type, event_time);
CREATE INDEX timeline_event_subject ON timeline_event (subject, event_time);

-- Transactional outbox: written in the same transaction as the state change it announces,
-- published in id order by the relay, then marked published and later pruned.
CREATE TABLE outbox_event (
    id             BIGSERIAL PRIMARY KEY,
    event_id       VARCHAR(64)  NOT NULL UNIQUE,
    topic          VARCHAR(255) NOT NULL,
    event_type     VARCHAR(255) NOT NULL,
    source         VARCHAR(255) NOT NULL,
    subject        VARCHAR(255) NOT NULL,
    event_time     TIMESTAMPTZ  NOT NULL,
    correlation_id VARCHAR(128),
    traceparent    VARCHAR(64),
    data           TEXT         NOT NULL,
    published_at   TIMESTAMPTZ
);

CREATE INDEX outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;
CREATE INDEX outbox_event_published_at ON outbox_event (published_at) WHERE published_at IS NOT NULL;

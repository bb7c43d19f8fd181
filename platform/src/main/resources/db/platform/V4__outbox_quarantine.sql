-- Outbox quarantine: a row Kafka will never accept (too large, unknown topic, refused) is set aside
-- with its attempts and last error instead of blocking the rows of other aggregates forever. Rows of
-- the same aggregate behind it wait, so that aggregate's order holds, until an operator re-drives
-- or discards it.
ALTER TABLE outbox_event
    ADD COLUMN attempts       INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN last_error     VARCHAR(1000),
    ADD COLUMN quarantined_at TIMESTAMPTZ,
    ADD COLUMN discarded_at   TIMESTAMPTZ;

DROP INDEX outbox_event_unpublished;
CREATE INDEX outbox_event_pending ON outbox_event (id)
    WHERE published_at IS NULL AND quarantined_at IS NULL;
CREATE INDEX outbox_event_blocking ON outbox_event (topic, subject, id)
    WHERE published_at IS NULL AND quarantined_at IS NOT NULL AND discarded_at IS NULL;
CREATE INDEX outbox_event_discarded_at ON outbox_event (discarded_at) WHERE discarded_at IS NOT NULL;

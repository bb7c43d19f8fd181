-- Idempotent inbox: the ids of the events a consumer has applied, written in the same
-- transaction as the effect, so a redelivered event is recognised and skipped.
CREATE TABLE inbox_event (
    consumer     VARCHAR(128) NOT NULL,
    event_id     VARCHAR(64)  NOT NULL,
    processed_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);

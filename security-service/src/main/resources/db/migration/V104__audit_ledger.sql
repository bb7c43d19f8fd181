-- The audit ledger: one row per audit record, hash-chained (each hash covers the previous one).
-- seq is assigned under a transaction-scoped advisory lock, so the chain has one writer at a time.
CREATE TABLE audit_record (
    seq            BIGINT        PRIMARY KEY,
    recorded_at    TIMESTAMPTZ   NOT NULL,
    event_id       VARCHAR(64)   NOT NULL UNIQUE,
    subject        VARCHAR(256)  NOT NULL,
    token_id       VARCHAR(128)  NOT NULL,
    source_address VARCHAR(128)  NOT NULL,
    service        VARCHAR(64)   NOT NULL,
    permission     VARCHAR(64)   NOT NULL,
    resource       VARCHAR(320)  NOT NULL,
    summary        VARCHAR(1024) NOT NULL,
    outcome        VARCHAR(16)   NOT NULL,
    correlation_id VARCHAR(128)  NOT NULL,
    prev_hash      CHAR(64)      NOT NULL,
    hash           CHAR(64)      NOT NULL
);
CREATE INDEX audit_record_subject ON audit_record (subject, seq);
CREATE INDEX audit_record_time ON audit_record (recorded_at);
CREATE INDEX audit_record_correlation ON audit_record (correlation_id) WHERE correlation_id <> '';

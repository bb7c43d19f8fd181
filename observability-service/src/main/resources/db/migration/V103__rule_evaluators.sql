-- The observability-service instances that evaluate rules, each renewing its heartbeat; the groups are
-- split among those whose heartbeat is recent.
CREATE TABLE rule_evaluator (
    instance_id  VARCHAR(255) PRIMARY KEY,
    started_at   TIMESTAMPTZ  NOT NULL,
    heartbeat_at TIMESTAMPTZ  NOT NULL
);

-- How each group's last evaluation went, per rule (health, last error, time taken), written by the instance
-- that evaluates it, so any instance can answer "list rules".
CREATE TABLE rule_group_status (
    namespace         VARCHAR(255) NOT NULL,
    group_name        TEXT         NOT NULL,
    namespace_version BIGINT       NOT NULL,
    evaluator         VARCHAR(255) NOT NULL,
    last_evaluation   TIMESTAMPTZ  NOT NULL,
    evaluation_ms     DOUBLE PRECISION NOT NULL,
    rules             JSONB        NOT NULL
);

CREATE UNIQUE INDEX rule_group_status_group ON rule_group_status (namespace, md5(group_name));

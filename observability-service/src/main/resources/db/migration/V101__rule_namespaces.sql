-- Prometheus rule files, one per namespace: the YAML text as given, the groups as parsed (re-printed as JSON
-- from the parsed form), and a version that grows with every change. Every version is kept.
CREATE TABLE rule_namespace (
    name        VARCHAR(255) PRIMARY KEY,
    version     BIGINT       NOT NULL,
    yaml        TEXT         NOT NULL,
    groups      JSONB        NOT NULL,
    group_count INTEGER      NOT NULL,
    rule_count  INTEGER      NOT NULL,
    updated_at  TIMESTAMPTZ  NOT NULL,
    updated_by  VARCHAR(255) NOT NULL
);

CREATE TABLE rule_namespace_version (
    name       VARCHAR(255) NOT NULL,
    version    BIGINT       NOT NULL,
    -- NULL: the namespace was deleted at this version.
    yaml       TEXT,
    changed_at TIMESTAMPTZ  NOT NULL,
    changed_by VARCHAR(255) NOT NULL,
    PRIMARY KEY (name, version)
);

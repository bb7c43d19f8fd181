-- Pipelines as code: a name, and its definitions as immutable, numbered versions.
CREATE TABLE pipeline (
    id         BIGSERIAL    PRIMARY KEY,
    name       VARCHAR(63)  NOT NULL UNIQUE,
    created_at TIMESTAMPTZ  NOT NULL
);

CREATE TABLE pipeline_version (
    id            BIGSERIAL    PRIMARY KEY,
    pipeline_id   BIGINT       NOT NULL REFERENCES pipeline (id),
    version       INTEGER      NOT NULL,
    sha256        CHAR(64)     NOT NULL,
    definition    TEXT         NOT NULL,
    registered_by VARCHAR(128) NOT NULL,
    registered_at TIMESTAMPTZ  NOT NULL,
    UNIQUE (pipeline_id, version)
);

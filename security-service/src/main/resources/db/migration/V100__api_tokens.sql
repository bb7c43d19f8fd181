-- API tokens. Only the SHA-256 of the secret is stored; the secret is shown once, at issue.
CREATE TABLE api_token (
    id          VARCHAR(36)  PRIMARY KEY,
    name        VARCHAR(128) NOT NULL,
    subject     VARCHAR(128) NOT NULL,
    roles       VARCHAR(512) NOT NULL,
    secret_hash CHAR(64)     NOT NULL UNIQUE,
    created_at  TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ  NOT NULL,
    revoked_at  TIMESTAMPTZ,
    created_by  VARCHAR(128) NOT NULL
);

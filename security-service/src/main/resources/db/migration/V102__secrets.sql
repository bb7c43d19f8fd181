-- Secrets, envelope-encrypted (see io.opsplane.security.secrets).
--
-- Data keys, each stored wrapped (AES-256-GCM) under a master key that lives only in the service's
-- configuration. Each version of a secret gets a data key of its own, deleted with that version, so
-- a replaced or deleted value cannot be opened again even by someone holding the master key. The one
-- 'fingerprint' key is the HMAC key of the fingerprints, used for nothing else. Rotating the master
-- key rewraps these rows only; sealed values never change.
CREATE TABLE secret_data_key (
    id            VARCHAR(36) PRIMARY KEY,
    purpose       VARCHAR(16) NOT NULL CHECK (purpose IN ('value', 'fingerprint')),
    master_key_id VARCHAR(16) NOT NULL,
    nonce         BYTEA       NOT NULL,
    ciphertext    BYTEA       NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    rewrapped_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX secret_data_key_one_fingerprint_key ON secret_data_key (purpose) WHERE purpose = 'fingerprint';
-- Rotation looks for the keys not yet under the current master key.
CREATE INDEX secret_data_key_master_key ON secret_data_key (master_key_id);

-- The latest version of each secret. sealed_value packs the data key id, the nonce and the ciphertext
-- (SealedValue.toBytes); the ciphertext is bound to scope, name and version, so it does not open when
-- copied onto another row. The value itself is stored nowhere else.
CREATE TABLE secret (
    id           VARCHAR(36)  PRIMARY KEY,
    scope        VARCHAR(140) NOT NULL,
    name         VARCHAR(128) NOT NULL,
    version      INTEGER      NOT NULL CHECK (version >= 1),
    sealed_value BYTEA        NOT NULL,
    data_key_id  VARCHAR(36)  NOT NULL UNIQUE REFERENCES secret_data_key (id),
    fingerprint  VARCHAR(40)  NOT NULL,
    updated_by   VARCHAR(256) NOT NULL,
    updated_at   TIMESTAMPTZ  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL,
    UNIQUE (scope, name)
);

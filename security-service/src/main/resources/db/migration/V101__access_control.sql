-- Access control. A token's roles column now holds its bindings, "role@scope" entries separated by
-- commas ("role" alone is the global scope, as before); empty means the token acts with its
-- subject's stored bindings. Service tokens are those of the platform's own components.
ALTER TABLE api_token ALTER COLUMN roles TYPE VARCHAR(4096);
ALTER TABLE api_token ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'token';
ALTER TABLE api_token ADD COLUMN last_used_at TIMESTAMPTZ;
ALTER TABLE api_token ALTER COLUMN subject TYPE VARCHAR(256);
CREATE INDEX api_token_subject ON api_token (subject);

-- Custom roles; the built-in ones are defined in code.
CREATE TABLE access_role (
    name        VARCHAR(128)  PRIMARY KEY,
    description VARCHAR(512)  NOT NULL,
    permissions VARCHAR(4096) NOT NULL,
    created_by  VARCHAR(256)  NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL
);

-- A role granted to a subject or a group at a scope.
CREATE TABLE role_binding (
    id         VARCHAR(36)  PRIMARY KEY,
    role       VARCHAR(128) NOT NULL,
    scope      VARCHAR(160) NOT NULL,
    subject    VARCHAR(256) NOT NULL DEFAULT '',
    grp        VARCHAR(256) NOT NULL DEFAULT '',
    created_by VARCHAR(256) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL,
    CHECK ((subject = '') <> (grp = '')),
    UNIQUE (role, scope, subject, grp)
);
CREATE INDEX role_binding_subject ON role_binding (subject) WHERE subject <> '';
CREATE INDEX role_binding_group ON role_binding (grp) WHERE grp <> '';

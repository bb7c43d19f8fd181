-- The dispatcher's state one row per aggregation group and per notification log entry, so that a change
-- writes the groups and entries it touched instead of the whole state. am_dispatch_state (the whole state
-- as one row) is only read once more, at the first start after this migration, and deleted with the first write.

-- id: SHA-256 of the route path and the group labels (JSON), which may be too long for an index.
CREATE TABLE am_dispatch_group (
    id           CHAR(64)     PRIMARY KEY,
    route_path   TEXT         NOT NULL,
    group_labels TEXT         NOT NULL,
    state        TEXT         NOT NULL,
    saved_at     TIMESTAMPTZ  NOT NULL
);

-- id: SHA-256 of the group key, receiver and integration.
CREATE TABLE am_notification_log (
    id           CHAR(64)     PRIMARY KEY,
    group_key    TEXT         NOT NULL,
    receiver     VARCHAR(255) NOT NULL,
    integration  VARCHAR(64)  NOT NULL,
    firing       TEXT         NOT NULL,
    resolved     TEXT         NOT NULL,
    sent_at      TIMESTAMPTZ  NOT NULL
);

-- The alerts of every alerting rule (pending, firing, resolved and not yet forgotten), written after an
-- evaluation that changed them and read back when a group's evaluator starts, so "for" and
-- "keep_firing_for" continue after a restart. A group's rows are replaced together in one transaction.
-- rule_key is the rule's name and labels (with #n for repeats), as rules are matched across reloads.
-- Names may be long, so the index is over their digests.
CREATE TABLE rule_alert (
    namespace         VARCHAR(255) NOT NULL,
    group_name        TEXT         NOT NULL,
    rule_key          TEXT         NOT NULL,
    labels            JSONB        NOT NULL,
    annotations       JSONB        NOT NULL,
    state             VARCHAR(16)  NOT NULL,
    value             DOUBLE PRECISION NOT NULL,
    active_at         TIMESTAMPTZ  NOT NULL,
    fired_at          TIMESTAMPTZ,
    resolved_at       TIMESTAMPTZ,
    last_sent_at      TIMESTAMPTZ,
    valid_until       TIMESTAMPTZ,
    keep_firing_since TIMESTAMPTZ
);

CREATE INDEX rule_alert_group ON rule_alert (namespace, md5(group_name));

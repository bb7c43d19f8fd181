-- Protected environments. One row per pattern (a name, or a prefix ending in '*'); patterns never
-- overlap, so at most one row governs an environment. Allow lists are comma-separated names.
CREATE TABLE environment_protection (
    pattern            VARCHAR(128) PRIMARY KEY,
    required_approvals INT          NOT NULL CHECK (required_approvals BETWEEN 1 AND 10),
    deploy_subjects    TEXT         NOT NULL DEFAULT '',
    deploy_groups      TEXT         NOT NULL DEFAULT '',
    approver_subjects  TEXT         NOT NULL DEFAULT '',
    approver_groups    TEXT         NOT NULL DEFAULT '',
    updated_by         VARCHAR(256) NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL
);

-- Requests to deploy to a protected environment. The stored state is PENDING, APPROVED, REJECTED
-- or USED; a PENDING or APPROVED request past expires_at reads as EXPIRED.
CREATE TABLE approval_request (
    id                 VARCHAR(36)   PRIMARY KEY,
    environment        VARCHAR(128)  NOT NULL,
    action             VARCHAR(64)   NOT NULL,
    resource           VARCHAR(200)  NOT NULL,
    summary            VARCHAR(1000) NOT NULL DEFAULT '',
    requester          VARCHAR(256)  NOT NULL,
    required_approvals INT           NOT NULL CHECK (required_approvals >= 1),
    state              VARCHAR(16)   NOT NULL CHECK (state IN ('PENDING', 'APPROVED', 'REJECTED', 'USED')),
    created_at         TIMESTAMPTZ   NOT NULL,
    expires_at         TIMESTAMPTZ   NOT NULL,
    used_at            TIMESTAMPTZ
);
CREATE INDEX approval_request_environment ON approval_request (environment, created_at DESC);
CREATE INDEX approval_request_created ON approval_request (created_at DESC);

-- Each approver's verdicts on a request, with the groups they had then. One approval per approver.
CREATE TABLE approval_review (
    id              VARCHAR(36)   PRIMARY KEY,
    request_id      VARCHAR(36)   NOT NULL REFERENCES approval_request (id) ON DELETE CASCADE,
    approver        VARCHAR(256)  NOT NULL,
    approver_groups TEXT          NOT NULL DEFAULT '',
    verdict         VARCHAR(16)   NOT NULL CHECK (verdict IN ('APPROVE', 'REJECT')),
    comment         VARCHAR(1000) NOT NULL DEFAULT '',
    reviewed_at     TIMESTAMPTZ   NOT NULL,
    UNIQUE (request_id, approver, verdict)
);
CREATE INDEX approval_review_request ON approval_review (request_id);

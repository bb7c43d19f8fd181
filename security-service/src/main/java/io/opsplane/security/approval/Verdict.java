package io.opsplane.security.approval;

/** What an approver said about a request. */
public enum Verdict {
    APPROVE,
    REJECT
}

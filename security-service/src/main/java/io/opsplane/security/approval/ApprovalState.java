package io.opsplane.security.approval;

import java.util.Locale;

/** Where an approval request stands. REJECTED, EXPIRED and USED are final. */
public enum ApprovalState {

    /** Waiting for approvals. */
    PENDING,
    /** Enough distinct approvers approved; one deployment may use it. */
    APPROVED,
    /** An approver rejected it. */
    REJECTED,
    /** Its time ran out before a deployment used it. */
    EXPIRED,
    /** A deployment used it. */
    USED;

    public boolean isFinal() {
        return this == REJECTED || this == EXPIRED || this == USED;
    }

    /** Lower case, for messages. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}

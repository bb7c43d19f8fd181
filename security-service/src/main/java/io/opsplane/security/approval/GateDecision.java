package io.opsplane.security.approval;

/**
 * Whether a deployment may go ahead, and why (not).
 *
 * @param consumesRequest the approval request must be marked USED together with this decision
 */
public record GateDecision(boolean allowed, String reason, boolean consumesRequest) {

    static GateDecision allow(String reason, boolean consumesRequest) {
        return new GateDecision(true, reason, consumesRequest);
    }

    static GateDecision deny(String reason) {
        return new GateDecision(false, reason, false);
    }
}

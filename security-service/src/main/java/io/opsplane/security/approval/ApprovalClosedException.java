package io.opsplane.security.approval;

/** The request is in a state that does not allow the step (rejected, expired, used, or not yet approved). */
public class ApprovalClosedException extends RuntimeException {

    public ApprovalClosedException(String message) {
        super(message, null, false, false);
    }
}

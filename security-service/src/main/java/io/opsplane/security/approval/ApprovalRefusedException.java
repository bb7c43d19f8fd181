package io.opsplane.security.approval;

/** This person may not review this request (it is their own). The message says why. */
public class ApprovalRefusedException extends RuntimeException {

    public ApprovalRefusedException(String message) {
        super(message, null, false, false);
    }
}

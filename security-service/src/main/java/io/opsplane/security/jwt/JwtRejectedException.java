package io.opsplane.security.jwt;

/**
 * A bearer token that failed verification. The message is a short reason for logs; users are only
 * ever told "invalid token", so the reason never helps anyone probe the checks.
 */
public final class JwtRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final RejectionReason reason;

    public JwtRejectedException(RejectionReason reason, String detail) {
        // Rejections are routine and their cause is the token, not the code: no stack trace to fill.
        super(reason + ": " + LogText.line(detail), null, false, false);
        this.reason = reason;
    }

    public RejectionReason reason() {
        return reason;
    }
}

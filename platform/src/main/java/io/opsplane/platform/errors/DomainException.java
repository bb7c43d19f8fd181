package io.opsplane.platform.errors;

/**
 * A failure a caller caused and can act on. Its message is safe to show to the caller: it names the
 * field or thing at fault, never internals.
 */
public class DomainException extends RuntimeException {

    /** What kind of failure, mapped to a gRPC status and then to an HTTP status at the gateway. */
    public enum Kind {
        INVALID_ARGUMENT, NOT_FOUND, ALREADY_EXISTS, CONFLICT, FAILED_PRECONDITION, UNAUTHENTICATED, PERMISSION_DENIED
    }

    private final Kind kind;

    public DomainException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static DomainException invalid(String message) {
        return new DomainException(Kind.INVALID_ARGUMENT, message);
    }

    public static DomainException notFound(String message) {
        return new DomainException(Kind.NOT_FOUND, message);
    }

    public static DomainException alreadyExists(String message) {
        return new DomainException(Kind.ALREADY_EXISTS, message);
    }

    /** The request is fine but the state forbids it now (e.g. a role still in use). */
    public static DomainException failedPrecondition(String message) {
        return new DomainException(Kind.FAILED_PRECONDITION, message);
    }

    public static DomainException conflict(String message) {
        return new DomainException(Kind.CONFLICT, message);
    }

    public static DomainException unauthenticated(String message) {
        return new DomainException(Kind.UNAUTHENTICATED, message);
    }

    public static DomainException permissionDenied(String message) {
        return new DomainException(Kind.PERMISSION_DENIED, message);
    }
}

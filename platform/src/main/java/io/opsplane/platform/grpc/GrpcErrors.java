package io.opsplane.platform.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.errors.DomainException;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Turns a failure into the gRPC status a client sees. Domain failures keep their message; anything
 * else becomes INTERNAL with an error id that is logged with the cause, so no stack trace, class name
 * or SQL ever reaches a client.
 */
public final class GrpcErrors {

    private static final Logger LOG = Logger.getLogger(GrpcErrors.class);

    private GrpcErrors() {
    }

    public static Throwable toStatus(Throwable failure) {
        while ((failure instanceof java.util.concurrent.CompletionException
                || failure instanceof java.util.concurrent.ExecutionException) && failure.getCause() != null) {
            failure = failure.getCause();
        }
        if (failure instanceof io.grpc.StatusException checked) {
            return checked.getStatus().asRuntimeException(checked.getTrailers());
        }
        if (failure instanceof StatusRuntimeException) {
            return failure;
        }
        if (failure instanceof DomainException domain) {
            return statusOf(domain.kind()).withDescription(domain.getMessage()).asRuntimeException();
        }
        if (failure instanceof IllegalArgumentException) {
            return Status.INVALID_ARGUMENT.withDescription(failure.getMessage()).asRuntimeException();
        }
        String errorId = UUID.randomUUID().toString();
        LOG.errorf(failure, "internal error %s", errorId);
        return Status.INTERNAL.withDescription("internal error " + errorId).asRuntimeException();
    }

    static Status statusOf(DomainException.Kind kind) {
        return switch (kind) {
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case NOT_FOUND -> Status.NOT_FOUND;
            case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
            case CONFLICT -> Status.ABORTED;
            case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
            case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
            case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
        };
    }
}

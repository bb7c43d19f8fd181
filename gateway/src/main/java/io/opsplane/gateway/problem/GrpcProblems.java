package io.opsplane.gateway.problem;

import io.grpc.Status;

/** The HTTP face of a gRPC status, as every gateway call reports it. */
public final class GrpcProblems {

    private GrpcProblems() {
    }

    public static Problem of(Status status) {
        String detail = status.getDescription();
        return switch (status.getCode()) {
            case INVALID_ARGUMENT, OUT_OF_RANGE, FAILED_PRECONDITION -> Problem.of(400, "Bad Request", detail);
            case UNAUTHENTICATED -> Problem.of(401, "Unauthorized", detail);
            case PERMISSION_DENIED -> Problem.of(403, "Forbidden", detail);
            case NOT_FOUND -> Problem.of(404, "Not Found", detail);
            case ALREADY_EXISTS, ABORTED -> Problem.of(409, "Conflict", detail);
            case RESOURCE_EXHAUSTED -> Problem.of(429, "Too Many Requests", detail);
            case UNIMPLEMENTED -> Problem.of(501, "Not Implemented", "this operation is not available");
            case UNAVAILABLE -> Problem.of(503, "Service Unavailable", "a service behind the gateway is unavailable; "
                    + "try again shortly");
            case DEADLINE_EXCEEDED -> Problem.of(504, "Gateway Timeout", "a service behind the gateway did not answer "
                    + "in time");
            case CANCELLED -> Problem.of(499, "Client Closed Request", "the request was cancelled");
            default -> Problem.of(500, "Internal Server Error", detail != null && detail.startsWith("internal error ")
                    ? detail : "internal error");
        };
    }
}

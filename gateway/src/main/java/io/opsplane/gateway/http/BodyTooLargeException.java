package io.opsplane.gateway.http;

import java.io.IOException;

/** A body without a declared length turned out longer than {@code quarkus.http.limits.max-body-size}. */
public class BodyTooLargeException extends IOException {

    private final long limit;

    public BodyTooLargeException(long limit) {
        super("the body is larger than the limit of " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}

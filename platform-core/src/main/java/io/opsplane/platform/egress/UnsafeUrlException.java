package io.opsplane.platform.egress;

/** A receiver URL or address the alert manager must not reach; the message says why. */
public final class UnsafeUrlException extends IllegalArgumentException {

    public UnsafeUrlException(String message) {
        super(message);
    }
}

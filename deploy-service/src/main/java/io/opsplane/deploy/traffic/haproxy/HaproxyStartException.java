package io.opsplane.deploy.traffic.haproxy;

/** HAProxy did not come up; the message says why and ends with the end of its log. */
public final class HaproxyStartException extends RuntimeException {

    public HaproxyStartException(String message) {
        super(message);
    }
}

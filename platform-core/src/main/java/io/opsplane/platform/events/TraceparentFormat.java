package io.opsplane.platform.events;

import java.util.regex.Pattern;

/** Reads the W3C {@code traceparent} header: {@code 00-<32 hex trace id>-<16 hex span id>-<2 hex flags>}. */
public final class TraceparentFormat {

    private static final Pattern TRACEPARENT =
            Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

    private TraceparentFormat() {
    }

    public static boolean isValid(String traceparent) {
        return traceparent != null && TRACEPARENT.matcher(traceparent).matches()
                && !traceparent.substring(3, 35).equals("0".repeat(32));
    }

    public static String traceIdOf(String traceparent) {
        return isValid(traceparent) ? traceparent.substring(3, 35) : null;
    }
}

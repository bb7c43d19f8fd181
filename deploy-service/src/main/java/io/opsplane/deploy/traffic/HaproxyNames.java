package io.opsplane.deploy.traffic;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.util.regex.Pattern;

/**
 * Names and addresses that go into admin-socket commands. The socket separates commands with
 * {@code ;} and newlines and words with spaces, so anything outside this alphabet could smuggle a
 * second command.
 */
public final class HaproxyNames {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}");
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

    private HaproxyNames() {
    }

    public static String name(String field, String value) {
        if (value == null || !NAME.matcher(value).matches()) {
            throw new InvalidFieldException(field, "must match " + NAME.pattern() + ", was '" + value + "'");
        }
        return value;
    }

    public static String ipv4(String field, String value) {
        if (value == null || !IPV4.matcher(value).matches()) {
            throw new InvalidFieldException(field, "must be an IPv4 address, was '" + value + "'");
        }
        return value;
    }

    public static int port(String field, int port) {
        InvalidFieldException.requireRange(field, port, 1, 65535);
        return port;
    }

    public static int weight(String field, int weight) {
        InvalidFieldException.requireRange(field, weight, 0, HaproxyCommands.MAX_WEIGHT);
        return weight;
    }
}

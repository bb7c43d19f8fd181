package io.opsplane.platform.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * IP address literals read without any DNS lookup: canonical dotted IPv4 and IPv6 (in brackets or not). Other
 * numeric forms that some resolvers accept ({@code 2130706433}, {@code 0x7f.1}, {@code 127.1}, {@code 0177.0.0.1})
 * are reported so a caller can refuse them rather than let a resolver read them as loopback.
 */
final class IpLiterals {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern NUMERIC_LOOKING = Pattern.compile(
            "(?i)(0x[0-9a-f]*|[0-9]+)(\\.(0x[0-9a-f]*|[0-9]*))*\\.?");

    private IpLiterals() {
    }

    /** The address {@code text} spells, if it is an IP literal; throws for ambiguous numeric forms. */
    static Optional<InetAddress> parse(String text) {
        String host = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (host.contains(":")) {
            if (host.contains("%")) {
                throw new UnsafeUrlException("IPv6 zone identifiers are not allowed: " + text);
            }
            try {
                return Optional.of(InetAddress.getByName(host));
            } catch (UnknownHostException e) {
                throw new UnsafeUrlException("invalid IPv6 address: " + text);
            }
        }
        Matcher quad = DOTTED_QUAD.matcher(host);
        if (quad.matches()) {
            byte[] bytes = new byte[4];
            for (int i = 0; i < 4; i++) {
                String octet = quad.group(i + 1);
                int value = Integer.parseInt(octet);
                if (value > 255 || (octet.length() > 1 && octet.startsWith("0"))) {
                    throw new UnsafeUrlException("non-standard IPv4 address form: " + text);
                }
                bytes[i] = (byte) value;
            }
            try {
                return Optional.of(InetAddress.getByAddress(bytes));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("four bytes are always an IPv4 address", e);
            }
        }
        if (NUMERIC_LOOKING.matcher(host).matches()) {
            throw new UnsafeUrlException("non-standard IPv4 address form: " + text);
        }
        return Optional.empty();
    }
}

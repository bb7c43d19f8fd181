package io.opsplane.platform.egress;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/** A network such as {@code 10.0.0.0/8} or {@code fc00::/7}. */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " out of range for " + network);
        }
    }

    /** Parses {@code address/prefix} without any DNS lookup. */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not a network (write it like 10.1.0.0/16)");
        }
        InetAddress network = IpLiterals.parse(text.substring(0, slash))
                .orElseThrow(() -> new IllegalArgumentException("'" + text + "' does not start with an IP address"));
        try {
            return new Cidr(network, Integer.parseInt(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
        }
    }

    public boolean contains(InetAddress address) {
        boolean sameFamily = (address instanceof Inet4Address && network instanceof Inet4Address)
                || (address instanceof Inet6Address && network instanceof Inet6Address);
        if (!sameFamily) {
            return false;
        }
        byte[] a = address.getAddress();
        byte[] n = network.getAddress();
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }
}

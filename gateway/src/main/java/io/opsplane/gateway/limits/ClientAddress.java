package io.opsplane.gateway.limits;

import java.util.Set;

/**
 * The address a request comes from, for limits per address. It is the peer of the connection,
 * unless that peer is a trusted proxy: then it is the nearest address in {@code X-Forwarded-For}
 * that is not a trusted proxy itself (the entries further left were written by the client and prove
 * nothing).
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    /**
     * @param peer the remote address of the connection
     * @param forwardedFor the {@code X-Forwarded-For} header, or null
     * @param trustedProxies the proxies whose {@code X-Forwarded-For} is believed
     */
    public static String of(String peer, String forwardedFor, Set<String> trustedProxies) {
        if (forwardedFor == null || trustedProxies.isEmpty() || !trustedProxies.contains(peer)) {
            return peer;
        }
        String[] hops = forwardedFor.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = strip(hops[i].trim());
            if (hop.isEmpty()) {
                return peer;
            }
            if (!trustedProxies.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }

    /** {@code [2001:db8::1]} as {@code 2001:db8::1}, as the peer address is written. */
    private static String strip(String hop) {
        return hop.length() > 1 && hop.startsWith("[") && hop.endsWith("]") ? hop.substring(1, hop.length() - 1) : hop;
    }
}

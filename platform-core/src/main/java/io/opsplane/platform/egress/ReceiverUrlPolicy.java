package io.opsplane.platform.egress;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where outbound HTTP calls (notifications, healing webhooks) may go, against server-side request forgery.
 * {@link #checkUrl} runs when a configuration is read: http or https only, no credentials in the URL, no address
 * literal or name of this machine, a private network, a link-local one (such as the cloud metadata address
 * 169.254.169.254) or a multicast one, in IPv4 or IPv4-in-IPv6 form. A host name passes that check, so
 * {@link #checkAddress} must run on every address the name resolves to, at connect time, on the address actually
 * connected to (a name can resolve to a public address when checked and a private one when used: DNS rebinding).
 * Redirects are the HTTP adapter's job: it must not follow them, or must run both checks again on every redirect
 * target. The operator's allow-list (exact host names, networks) admits internal receivers on purpose.
 */
public final class ReceiverUrlPolicy {

    private static final List<Cidr> FORBIDDEN = Arrays.stream(new String[] {
        "0.0.0.0/8", // "this network", includes the unspecified address
        "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", // private
        "100.64.0.0/10", // carrier-grade NAT, private in practice
        "127.0.0.0/8", // loopback
        "169.254.0.0/16", // link-local, cloud metadata
        "192.0.0.0/24", // IETF protocol assignments
        "224.0.0.0/4", // multicast
        "240.0.0.0/4", // reserved, includes the broadcast address
        "::/128", "::1/128", // unspecified, loopback
        "fc00::/7", // unique local
        "fe80::/10", "fec0::/10", // link-local, former site-local
        "ff00::/8", // multicast
    }).map(Cidr::parse).toList();
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final Set<String> allowedHosts;
    private final List<Cidr> allowedNetworks;

    public ReceiverUrlPolicy(Set<String> allowedHosts, List<Cidr> allowedNetworks) {
        this.allowedHosts = allowedHosts.stream().map(host -> host.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        this.allowedNetworks = List.copyOf(allowedNetworks);
    }

    /** No exceptions: only public addresses. */
    public static ReceiverUrlPolicy publicOnly() {
        return new ReceiverUrlPolicy(Set.of(), List.of());
    }

    /** The check made when a configuration names {@code url}. */
    public void checkUrl(URI url) {
        String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UnsafeUrlException("the scheme '" + scheme + "' is not allowed (use http or https)");
        }
        if (url.getRawUserInfo() != null) {
            throw new UnsafeUrlException("credentials in the URL (user@host) are not allowed");
        }
        String host = Optional.ofNullable(url.getHost()).or(() -> authorityHost(url)).orElse("")
                .toLowerCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new UnsafeUrlException("the URL has no host");
        }
        if (allowedHosts.contains(host)) {
            return;
        }
        Optional<InetAddress> literal = IpLiterals.parse(host);
        if (literal.isPresent()) {
            checkAddress(host, literal.get());
            return;
        }
        if (url.getHost() == null) {
            throw new UnsafeUrlException("'" + host + "' is not a valid host name");
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            throw new UnsafeUrlException("the host '" + host + "' is this machine");
        }
    }

    /** Java leaves the host of {@code http://127.1/} unset (not a valid name); take it from the authority. */
    private static Optional<String> authorityHost(URI url) {
        String authority = url.getRawAuthority();
        if (authority == null) {
            return Optional.empty();
        }
        int colon = authority.lastIndexOf(':');
        return Optional.of(colon > authority.lastIndexOf(']') ? authority.substring(0, colon) : authority);
    }

    /** The check made on each address {@code host} resolved to, right before connecting to it. */
    public void checkAddress(String host, InetAddress address) {
        if (allowedHosts.contains(host.toLowerCase(Locale.ROOT))
                || allowedNetworks.stream().anyMatch(network -> network.contains(address))) {
            return;
        }
        Optional<InetAddress> embedded = embeddedIpv4(address);
        if (embedded.isPresent()) {
            checkAddress(host, embedded.get());
            return;
        }
        for (Cidr forbidden : FORBIDDEN) {
            if (forbidden.contains(address)) {
                throw new UnsafeUrlException("the address " + address.getHostAddress() + " of '" + host
                        + "' is in " + forbidden.network().getHostAddress() + "/" + forbidden.prefixLength()
                        + ", which receivers may not reach");
            }
        }
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address. */
    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return Optional.empty();
        }
        byte[] bytes = v6.getAddress();
        int from;
        if (v6.isIPv4CompatibleAddress() && !isUnspecifiedOrLoopback(bytes) || NAT64.contains(v6)) {
            from = 12;
        } else if (SIX_TO_FOUR.contains(v6)) {
            from = 2;
        } else if (isMapped(bytes)) {
            from = 12;
        } else {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(bytes, from, from + 4)));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    private static boolean isUnspecifiedOrLoopback(byte[] bytes) {
        for (int i = 0; i < 15; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[15] == 0 || bytes[15] == 1;
    }

    /** {@code ::ffff:a.b.c.d}: Java's parser turns these into IPv4, but an address built from bytes stays IPv6. */
    private static boolean isMapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }
}

package io.opsplane.observability.egress;

import io.opsplane.platform.egress.ReceiverUrlPolicy;
import io.opsplane.platform.egress.UnsafeUrlException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Posts a notification body (or gets a document) over HTTP/1.1 at a URL a user gave, and nowhere the
 * {@link ReceiverUrlPolicy} forbids.
 * The URL is checked, then the host name is resolved here and every address it resolves to is checked, and the
 * socket connects to the checked address itself, so a name that resolves to a public address when the
 * configuration is read and to a private one when the notification goes out (DNS rebinding) is refused. TLS
 * verifies the certificate against the host name. A redirect is followed only when allowed, with both checks
 * made again on its target, at most {@value #MAX_REDIRECTS} times.
 */
public final class GuardedHttpClient {

    static final int MAX_REDIRECTS = 5;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_SNIPPET = 512;

    /** Resolves host names; replaceable in tests to play a rebinding DNS server. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** A document fetched: the status code and the body (whole when the status is 2xx, else its beginning). */
    public record Fetched(int status, byte[] body) {
    }

    /** The receiver's answer: its status code and the beginning of its body. */
    public record Response(int status, String bodySnippet) {

        public boolean success() {
            return status >= 200 && status < 300;
        }

        /** Alertmanager retries on server errors and 429 only; any other refusal is final. */
        public boolean retryable() {
            return status >= 500 || status == 429;
        }
    }

    private final ReceiverUrlPolicy policy;
    private final Resolver resolver;
    private final Duration connectTimeout;
    private final Duration readTimeout;
    private final SSLSocketFactory tls;

    public GuardedHttpClient(ReceiverUrlPolicy policy, Resolver resolver, Duration connectTimeout,
            Duration readTimeout, SSLSocketFactory tls) {
        this.policy = policy;
        this.resolver = resolver;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls;
    }

    public static GuardedHttpClient withSystemDns(ReceiverUrlPolicy policy, Duration connectTimeout,
            Duration readTimeout) {
        return new GuardedHttpClient(policy, host -> List.of(InetAddress.getAllByName(host)), connectTimeout,
                readTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * Posts {@code body}; throws {@link UnsafeUrlException} for a target the policy forbids and
     * {@link IOException} when the receiver cannot be reached or answers garbage.
     */
    public Response post(URI url, String contentType, byte[] body, boolean followRedirects) throws IOException {
        Exchange exchange = follow(url, "POST", contentType, body, 0, followRedirects);
        if (exchange.status / 100 == 3 && exchange.location.isPresent()) {
            return new Response(exchange.status, "redirect to " + exchange.location.get()
                    + " not followed (follow_redirects is false)");
        }
        return new Response(exchange.status, printable(new String(exchange.body, StandardCharsets.UTF_8)));
    }

    /**
     * Gets {@code url} (redirects followed, each checked), accepting {@code accept}; a 2xx body longer than
     * {@code maxBytes} is an {@link IOException}. Throws {@link UnsafeUrlException} for a target the policy forbids.
     */
    public Fetched get(URI url, String accept, int maxBytes) throws IOException {
        Exchange exchange = follow(url, "GET", accept, null, maxBytes, true);
        return new Fetched(exchange.status, exchange.body);
    }

    private Exchange follow(URI url, String method, String mediaType, byte[] body, int maxBytes,
            boolean followRedirects) throws IOException {
        URI target = url;
        for (int redirects = 0; ; redirects++) {
            Exchange exchange = exchange(target, method, mediaType, body, maxBytes);
            if (exchange.status / 100 != 3 || exchange.location.isEmpty() || !followRedirects) {
                return exchange;
            }
            if (redirects == MAX_REDIRECTS) {
                throw new IOException("more than " + MAX_REDIRECTS + " redirects");
            }
            try {
                target = target.resolve(exchange.location.get());
            } catch (IllegalArgumentException e) {
                throw new IOException("invalid redirect location: " + e.getMessage());
            }
        }
    }

    private record Exchange(int status, Optional<String> location, byte[] body) {
    }

    private Exchange exchange(URI url, String method, String mediaType, byte[] body, int maxBytes) throws IOException {
        policy.checkUrl(url);
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        boolean https = scheme.equals("https");
        String host = url.getHost();
        String bareHost = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        int port = url.getPort() >= 0 ? url.getPort() : https ? 443 : 80;
        List<InetAddress> addresses = resolver.resolve(bareHost);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(bareHost);
        }
        for (InetAddress address : addresses) {
            policy.checkAddress(bareHost, address);
        }
        IOException last = null;
        for (InetAddress address : addresses) {
            Socket socket = new Socket();
            try {
                socket.connect(new InetSocketAddress(address, port), (int) connectTimeout.toMillis());
            } catch (IOException e) {
                socket.close();
                last = e;
                continue;
            }
            try (Socket open = https ? startTls(socket, bareHost, port) : socket) {
                open.setSoTimeout((int) readTimeout.toMillis());
                return send(open, url, host, port, https, method, mediaType, body, maxBytes);
            }
        }
        throw last;
    }

    private Socket startTls(Socket plain, String host, int port) throws IOException {
        SSLSocket socket = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        socket.setSSLParameters(parameters);
        socket.setSoTimeout((int) readTimeout.toMillis());
        socket.startHandshake();
        return socket;
    }

    private static Exchange send(Socket socket, URI url, String host, int port, boolean https, String method,
            String mediaType, byte[] body, int maxBytes) throws IOException {
        String path = Optional.ofNullable(url.getRawPath()).filter(p -> !p.isEmpty()).orElse("/");
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        String head = method + " " + path + " HTTP/1.1\r\n"
                + "Host: " + host + (defaultPort ? "" : ":" + port) + "\r\n"
                + "User-Agent: Opsplane-Alertmanager/0.25\r\n"
                + (body == null ? "Accept: " + mediaType + "\r\n"
                        : "Content-Type: " + mediaType + "\r\nContent-Length: " + body.length + "\r\n")
                + "Connection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        InputStream in = socket.getInputStream();
        String statusLine = readLine(in, new int[] {MAX_HEADER_BYTES});
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + printable(statusLine));
        }
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IOException("invalid HTTP status: " + printable(parts[1]));
        }
        Optional<String> location = Optional.empty();
        long contentLength = -1;
        boolean chunked = false;
        int[] budget = {MAX_HEADER_BYTES};
        for (String line = readLine(in, budget); !line.isEmpty(); line = readLine(in, budget)) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "location" -> location = Optional.of(value);
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                case "content-length" -> contentLength = contentLength(value);
                default -> {
                }
            }
        }
        if (body != null && status / 100 == 2) {
            return new Exchange(status, location, new byte[0]); // a receiver's success needs no reading
        }
        boolean whole = body == null && status / 100 == 2;
        int limit = whole ? maxBytes : MAX_BODY_SNIPPET;
        InputStream content = chunked ? new ChunkedBody(in)
                : contentLength >= 0 ? new BoundedBody(in, contentLength) : in;
        if (whole && contentLength > maxBytes) {
            throw new IOException("the document is " + contentLength + " bytes, more than the " + maxBytes + " allowed");
        }
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = content.read(buffer, 0, Math.min(buffer.length, limit + 1 - read.size()))) > 0; ) {
            read.write(buffer, 0, n);
            if (read.size() > limit) {
                if (whole) {
                    throw new IOException("the document is longer than the " + maxBytes + " bytes allowed");
                }
                break;
            }
        }
        byte[] bytes = read.toByteArray();
        return new Exchange(status, location, bytes.length > limit ? java.util.Arrays.copyOf(bytes, limit) : bytes);
    }

    private static long contentLength(String value) throws IOException {
        try {
            long length = Long.parseLong(value);
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw new IOException("invalid Content-Length: " + printable(value));
        }
    }

    private static String readLine(InputStream in, int[] budget) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                if (line.isEmpty()) {
                    throw new IOException("the receiver closed the connection without an answer");
                }
                break;
            }
            if (--budget[0] < 0) {
                throw new IOException("the receiver's response headers exceed " + MAX_HEADER_BYTES + " bytes");
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    private static String printable(String text) {
        return io.opsplane.platform.text.PrintableText.of(text, 200);
    }
}

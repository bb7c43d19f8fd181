package io.opsplane.observability.alerting.delivery;

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
 * Posts a notification body over HTTP/1.1 to a receiver URL, and nowhere the {@link ReceiverUrlPolicy} forbids.
 * The URL is checked, then the host name is resolved here and every address it resolves to is checked, and the
 * socket connects to the checked address itself, so a name that resolves to a public address when the
 * configuration is read and to a private one when the notification goes out (DNS rebinding) is refused. TLS
 * verifies the certificate against the host name. A redirect is followed only when allowed, with both checks
 * made again on its target, at most {@value #MAX_REDIRECTS} times.
 */
public final class GuardedHttpPoster {

    static final int MAX_REDIRECTS = 5;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_SNIPPET = 512;

    /** Resolves host names; replaceable in tests to play a rebinding DNS server. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
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

    public GuardedHttpPoster(ReceiverUrlPolicy policy, Resolver resolver, Duration connectTimeout,
            Duration readTimeout, SSLSocketFactory tls) {
        this.policy = policy;
        this.resolver = resolver;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
        this.tls = tls;
    }

    public static GuardedHttpPoster withSystemDns(ReceiverUrlPolicy policy, Duration connectTimeout,
            Duration readTimeout) {
        return new GuardedHttpPoster(policy, host -> List.of(InetAddress.getAllByName(host)), connectTimeout,
                readTimeout, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    /**
     * Posts {@code body}; throws {@link UnsafeUrlException} for a target the policy forbids and
     * {@link IOException} when the receiver cannot be reached or answers garbage.
     */
    public Response post(URI url, String contentType, byte[] body, boolean followRedirects) throws IOException {
        URI target = url;
        for (int redirects = 0; ; redirects++) {
            Exchange exchange = exchange(target, contentType, body);
            if (exchange.status / 100 != 3 || exchange.location.isEmpty()) {
                return new Response(exchange.status, exchange.bodySnippet);
            }
            if (!followRedirects) {
                return new Response(exchange.status, "redirect to " + exchange.location.get()
                        + " not followed (follow_redirects is false)");
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

    private record Exchange(int status, Optional<String> location, String bodySnippet) {
    }

    private Exchange exchange(URI url, String contentType, byte[] body) throws IOException {
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
                return send(open, url, host, port, https, contentType, body);
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

    private static Exchange send(Socket socket, URI url, String host, int port, boolean https, String contentType,
            byte[] body) throws IOException {
        String path = Optional.ofNullable(url.getRawPath()).filter(p -> !p.isEmpty()).orElse("/");
        if (url.getRawQuery() != null) {
            path += "?" + url.getRawQuery();
        }
        boolean defaultPort = port == (https ? 443 : 80);
        String head = "POST " + path + " HTTP/1.1\r\n"
                + "Host: " + host + (defaultPort ? "" : ":" + port) + "\r\n"
                + "User-Agent: Opsplane-Alertmanager/0.25\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
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
        int[] budget = {MAX_HEADER_BYTES};
        for (String line = readLine(in, budget); !line.isEmpty(); line = readLine(in, budget)) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("location")) {
                location = Optional.of(line.substring(colon + 1).trim());
            }
        }
        ByteArrayOutputStream snippet = new ByteArrayOutputStream();
        if (status / 100 != 2) {
            byte[] buffer = new byte[MAX_BODY_SNIPPET];
            int read;
            while (snippet.size() < MAX_BODY_SNIPPET
                    && (read = in.read(buffer, 0, MAX_BODY_SNIPPET - snippet.size())) > 0) {
                snippet.write(buffer, 0, read);
            }
        }
        return new Exchange(status, location, printable(snippet.toString(StandardCharsets.UTF_8)));
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

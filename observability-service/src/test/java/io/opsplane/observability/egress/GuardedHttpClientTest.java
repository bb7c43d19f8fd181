package io.opsplane.observability.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.opsplane.platform.egress.Cidr;
import io.opsplane.platform.egress.ReceiverUrlPolicy;
import io.opsplane.platform.egress.UnsafeUrlException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The poster against a real HTTP server on loopback, with a resolver that plays DNS: a name that resolves to a
 * public address passes the configuration check but is refused when it resolves to loopback at send time; an
 * allow-listed name reaches the server; redirects are followed only to allowed targets, and not at all when
 * follow_redirects is false.
 */
class GuardedHttpClientTest {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/hook", exchange -> {
            bodies.add(exchange.getRequestHeaders().getFirst("Host") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/to-metadata", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.createContext("/to-hook", exchange -> {
            exchange.getResponseHeaders().add("Location", "/hook");
            exchange.sendResponseHeaders(307, -1);
            exchange.close();
        });
        server.createContext("/targets", exchange -> {
            byte[] body = "[{\"targets\":[\"10.0.0.1:9100\"]}]".repeat(
                    Integer.parseInt(exchange.getRequestURI().getQuery().substring("times=".length())))
                    .getBytes(StandardCharsets.UTF_8);
            boolean chunked = exchange.getRequestURI().getPath().endsWith("/targets") && body.length % 2 == 0;
            exchange.getResponseHeaders().add("X-Accept", exchange.getRequestHeaders().getFirst("Accept"));
            exchange.sendResponseHeaders(200, chunked ? 0 : body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.createContext("/busy", exchange -> {
            byte[] body = "try later".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private int port() {
        return server.getAddress().getPort();
    }

    private GuardedHttpClient poster(Set<String> allowedHosts, Map<String, String> dns) {
        return new GuardedHttpClient(new ReceiverUrlPolicy(allowedHosts, List.<Cidr>of()),
                host -> List.of(InetAddress.getByName(dns.getOrDefault(host, host))), Duration.ofSeconds(2),
                Duration.ofSeconds(2), (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    private static byte[] body(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void anAllowListedNameReachesTheReceiverWithItsHostHeader() throws Exception {
        GuardedHttpClient poster = poster(Set.of("hooks.internal"), Map.of("hooks.internal", "127.0.0.1"));
        var response = poster.post(URI.create("http://hooks.internal:" + port() + "/hook"), "application/json",
                body("{\"a\":1}"), true);
        assertEquals(200, response.status());
        assertEquals(List.of("hooks.internal:" + port() + " {\"a\":1}"), bodies);
    }

    @Test
    void aNameThatResolvesToLoopbackAtSendTimeIsRefused() {
        // Public when the configuration was read (checkUrl passes a name), loopback when the notification goes.
        GuardedHttpClient poster = poster(Set.of(), Map.of("hooks.example.com", "127.0.0.1"));
        UnsafeUrlException refused = assertThrows(UnsafeUrlException.class, () -> poster.post(
                URI.create("http://hooks.example.com:" + port() + "/hook"), "application/json", body("{}"), true));
        assertTrue(refused.getMessage().contains("127.0.0.1"), refused.getMessage());
        assertEquals(List.of(), bodies);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:%d/hook", "http://[::ffff:127.0.0.1]:%d/hook",
        "http://169.254.169.254:%d/hook", "http://10.0.0.1:%d/hook", "http://localhost:%d/hook"})
    void addressesOfThisMachineAndPrivateNetworksAreRefused(String url) {
        GuardedHttpClient poster = poster(Set.of(), Map.of());
        assertThrows(UnsafeUrlException.class, () -> poster.post(URI.create(url.formatted(port())),
                "application/json", body("{}"), true));
        assertEquals(List.of(), bodies);
    }

    @Test
    void aRedirectIsCheckedLikeTheFirstTarget() throws Exception {
        GuardedHttpClient poster = poster(Set.of("hooks.internal"), Map.of("hooks.internal", "127.0.0.1"));
        assertThrows(UnsafeUrlException.class, () -> poster.post(
                URI.create("http://hooks.internal:" + port() + "/to-metadata"), "application/json", body("{}"), true));
        var followed = poster.post(URI.create("http://hooks.internal:" + port() + "/to-hook"), "application/json",
                body("{}"), true);
        assertEquals(200, followed.status());
        var notFollowed = poster.post(URI.create("http://hooks.internal:" + port() + "/to-hook"),
                "application/json", body("{}"), false);
        assertEquals(307, notFollowed.status());
        assertEquals(1, bodies.size());
    }

    @ParameterizedTest(name = "{0} copies")
    @ValueSource(ints = {1, 2, 1000, 1001})
    void aDocumentIsReadWholeWithContentLengthOrChunked(int times) throws Exception {
        GuardedHttpClient.Fetched fetched = poster(Set.of("sd.internal"), Map.of("sd.internal", "127.0.0.1"))
                .get(URI.create("http://sd.internal:" + port() + "/targets?times=" + times), "application/json", 1 << 20);
        assertEquals(200, fetched.status());
        assertEquals("[{\"targets\":[\"10.0.0.1:9100\"]}]".repeat(times),
                new String(fetched.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aDocumentOverTheLimitIsRefusedAndGetsFollowChecksToo() {
        GuardedHttpClient client = poster(Set.of("sd.internal"), Map.of("sd.internal", "127.0.0.1"));
        assertTrue(assertThrows(java.io.IOException.class, () -> client.get(URI.create("http://sd.internal:" + port()
                + "/targets?times=1000"), "application/json", 1000)).getMessage().contains("1000"));
        assertThrows(java.io.IOException.class, () -> client.get(URI.create("http://sd.internal:" + port()
                + "/targets?times=1001"), "application/json", 1000));
        assertThrows(UnsafeUrlException.class, () -> client.get(URI.create("http://sd.internal:" + port()
                + "/to-metadata"), "application/json", 1000));
        assertThrows(UnsafeUrlException.class, () -> poster(Set.of(), Map.of()).get(
                URI.create("http://127.0.0.1:" + port() + "/targets?times=1"), "application/json", 1000));
    }

    @Test
    void aServerErrorIsRetryableAndKeepsTheBeginningOfTheBody() throws Exception {
        GuardedHttpClient poster = poster(Set.of("hooks.internal"), Map.of("hooks.internal", "127.0.0.1"));
        var response = poster.post(URI.create("http://hooks.internal:" + port() + "/busy"), "application/json",
                body("{}"), true);
        assertEquals(503, response.status());
        assertTrue(response.retryable());
        assertEquals("try later", response.bodySnippet());
    }
}

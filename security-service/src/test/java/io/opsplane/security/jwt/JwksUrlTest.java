package io.opsplane.security.jwt;

import static io.opsplane.security.jwt.TestKeys.EC;
import static io.opsplane.security.jwt.TestKeys.RSA;
import static io.opsplane.security.jwt.TestKeys.ecJwk;
import static io.opsplane.security.jwt.TestKeys.jwks;
import static io.opsplane.security.jwt.TestKeys.rsaJwk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JwksUrl against a JDK HTTP server on a loopback port, with a clock the tests move by hand. */
class JwksUrlTest {

    private static final KeyPair NEXT_RSA = TestKeys.rsa(2048);
    private static final Duration INTERVAL = JwksUrl.DEFAULT_REFETCH_INTERVAL;

    private final AtomicInteger requests = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch stalled = new CountDownLatch(1);
    private volatile String document = jwks(rsaJwk("rsa-1", RSA), ecJwk("ec-1", EC));
    private volatile int status = 200;
    private volatile boolean stall;
    private ExecutorService serverThreads;
    private HttpServer server;
    private ManualClock clock;
    private JwksUrl source;

    @BeforeEach
    void startServer() throws IOException {
        serverThreads = Executors.newCachedThreadPool();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", this::serve);
        server.setExecutor(serverThreads);
        server.start();
        clock = new ManualClock(JwtFixture.NOW);
        source = new JwksUrl(uri(), clock);
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
        serverThreads.shutdownNow();
    }

    @Test
    void fetchesOnFirstUseAndThenAnswersFromItsCache() {
        assertEquals(0, requests.get());

        assertEquals(Optional.of(RSA.getPublic()), source.find("rsa-1", "RS256"));
        assertEquals(Optional.of(EC.getPublic()), source.find("ec-1", "ES256"));
        for (int i = 0; i < 10; i++) {
            source.find("rsa-1", "RS256");
        }

        assertEquals(1, requests.get());
        assertEquals(Optional.empty(), source.lastError());
    }

    @Test
    void anUnknownKidRefetchesAtMostOncePerInterval() {
        source.find("rsa-1", "RS256");
        clock.advance(INTERVAL);

        assertEquals(Optional.empty(), source.find("bogus-0", "RS256"));
        assertEquals(2, requests.get());
        for (int i = 1; i <= 100; i++) {
            assertEquals(Optional.empty(), source.find("bogus-" + i, "RS256"));
        }
        assertEquals(2, requests.get());

        clock.advance(INTERVAL.minusSeconds(1));
        source.find("bogus-late", "RS256");
        assertEquals(2, requests.get());

        clock.advance(Duration.ofSeconds(1));
        source.find("bogus-later", "RS256");
        assertEquals(3, requests.get());
    }

    @Test
    void aFloodOfUnknownKidsFromManyThreadsCausesOneFetch() throws Exception {
        source.find("rsa-1", "RS256");
        clock.advance(INTERVAL);
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int first = thread * 50;
                calls.add(callers.submit(() -> {
                    for (int i = first; i < first + 50; i++) {
                        source.find("bogus-" + i, "RS256");
                    }
                }));
            }
            for (Future<?> call : calls) {
                call.get();
            }
        } finally {
            callers.shutdownNow();
        }

        assertEquals(2, requests.get());
    }

    @Test
    void aRotatedKeyIsFoundOnceTheIntervalAllows() {
        String newToken = JwtFixture.rsa().header("kid", "rsa-2").signer(TestTokens.rs256(NEXT_RSA.getPrivate())).build();
        String oldToken = JwtFixture.rsa().build();
        JwtVerifier verifier = new JwtVerifier(JwtFixture.SETTINGS, source, clock);
        assertEquals("alice", verifier.verify(oldToken).subject());

        document = jwks(rsaJwk("rsa-2", NEXT_RSA), ecJwk("ec-1", EC));
        clock.advance(INTERVAL);

        assertEquals("alice", verifier.verify(newToken).subject());
        assertEquals(RejectionReason.UNKNOWN_KEY,
                assertThrows(JwtRejectedException.class, () -> verifier.verify(oldToken)).reason());
        assertEquals(2, requests.get());
    }

    @Test
    void keysOlderThanTheMaximumAgeAreFetchedAgain() {
        source.find("rsa-1", "RS256");
        document = jwks(ecJwk("ec-1", EC));

        clock.advance(JwksUrl.DEFAULT_MAX_AGE.minusSeconds(1));
        assertEquals(Optional.of(RSA.getPublic()), source.find("rsa-1", "RS256"));
        assertEquals(1, requests.get());

        clock.advance(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), source.find("rsa-1", "RS256"));
        assertEquals(2, requests.get());
    }

    @Test
    void aFailedFetchKeepsTheKeysAndReportsWhy() {
        source.find("rsa-1", "RS256");
        status = 503;
        clock.advance(INTERVAL);

        assertEquals(Optional.empty(), source.find("rsa-2", "RS256"));
        assertEquals(Optional.of(RSA.getPublic()), source.find("rsa-1", "RS256"));
        assertTrue(source.lastError().orElseThrow().contains("HTTP status 503"), source.lastError().toString());

        status = 200;
        clock.advance(INTERVAL);
        source.find("rsa-2", "RS256");
        assertEquals(Optional.empty(), source.lastError());
    }

    @Test
    void anInvalidDocumentKeepsTheKeysAndReportsWhy() {
        source.find("rsa-1", "RS256");
        document = "{\"keys\": [{\"kty\": \"RSA\"}]}";
        clock.advance(INTERVAL);

        assertEquals(Optional.empty(), source.find("rsa-2", "RS256"));
        assertEquals(Optional.of(RSA.getPublic()), source.find("rsa-1", "RS256"));
        assertTrue(source.lastError().orElseThrow().contains("has no n"), source.lastError().toString());
    }

    @Test
    void anOversizedDocumentIsRefused() {
        document = "{\"keys\": [], \"padding\": \"" + "x".repeat(JwksUrl.MAX_DOCUMENT_BYTES) + "\"}";

        assertEquals(Optional.empty(), source.find("rsa-1", "RS256"));
        assertTrue(source.lastError().orElseThrow().contains("larger than"), source.lastError().toString());
    }

    @Test
    void aServerThatDoesNotAnswerFailsTheFetchAtTheTimeout() {
        stall = true;
        JwksUrl impatient = new JwksUrl(uri(), clock, INTERVAL, JwksUrl.DEFAULT_MAX_AGE, Duration.ofMillis(200));

        assertEquals(Optional.empty(), impatient.find("rsa-1", "RS256"));
        assertTrue(impatient.lastError().isPresent());
    }

    @Test
    void oldKeysServeOtherCallersWhileAFetchHangs() throws Exception {
        source.find("rsa-1", "RS256");
        stall = true;
        clock.advance(JwksUrl.DEFAULT_MAX_AGE);
        ExecutorService fetcher = Executors.newSingleThreadExecutor();
        try {
            Future<Optional<?>> hanging = fetcher.submit(() -> source.find("rsa-1", "RS256"));
            stalled.await();

            assertEquals(Optional.of(RSA.getPublic()), source.find("rsa-1", "RS256"));
            assertEquals(Optional.of(EC.getPublic()), source.find("ec-1", "ES256"));

            release.countDown();
            assertEquals(Optional.of(RSA.getPublic()), hanging.get());
            assertEquals(2, requests.get());
        } finally {
            fetcher.shutdownNow();
        }
    }

    @Test
    void theFirstFetchFailingAlsoWaitsForTheInterval() {
        status = 500;

        assertEquals(Optional.empty(), source.find("rsa-1", "RS256"));
        status = 200;
        assertEquals(Optional.empty(), source.find("rsa-1", "RS256"));
        assertEquals(1, requests.get());

        clock.advance(INTERVAL);
        assertEquals(Optional.of(RSA.getPublic()), source.find("rsa-1", "RS256"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://idp.example.test/jwks", "http://10.0.0.5/jwks", "http://[2001:db8::1]/jwks",
        "http://localhost.example.test/jwks", "http://127.0.0.1.example.test/jwks", "ftp://127.0.0.1/jwks",
        "file:///etc/jwks.json", "/jwks"})
    void plainHttpIsOnlyForLoopback(String uri) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new JwksUrl(URI.create(uri), clock));

        assertTrue(error.getMessage().contains("https"), error.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://idp.example.test/realms/ops/protocol/openid-connect/certs",
        "https://10.0.0.5/jwks", "http://localhost:8180/jwks", "http://LOCALHOST/jwks", "http://127.0.0.1/jwks",
        "http://127.9.8.7:1/jwks", "http://[::1]:8180/jwks", "HTTP://127.0.0.1/jwks"})
    void httpsOrLoopbackIsAccepted(String uri) {
        new JwksUrl(URI.create(uri), clock);
    }

    @Test
    void intervalsAndTimeoutMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new JwksUrl(uri(), clock, Duration.ZERO, JwksUrl.DEFAULT_MAX_AGE, JwksUrl.DEFAULT_TIMEOUT));
        assertThrows(IllegalArgumentException.class,
                () -> new JwksUrl(uri(), clock, INTERVAL, Duration.ofSeconds(-1), JwksUrl.DEFAULT_TIMEOUT));
        assertThrows(IllegalArgumentException.class,
                () -> new JwksUrl(uri(), clock, INTERVAL, JwksUrl.DEFAULT_MAX_AGE, Duration.ZERO));
    }

    private URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/jwks");
    }

    private void serve(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (stall) {
                stalled.countDown();
                release.await();
            }
            byte[] body = document.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

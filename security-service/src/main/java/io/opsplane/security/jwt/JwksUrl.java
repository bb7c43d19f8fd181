package io.opsplane.security.jwt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * Signing keys fetched from the identity provider's JWKS endpoint over HTTPS (plain HTTP only to a
 * loopback address). Fetched on first use and kept. A kid the keys lack, or keys older than the
 * maximum age, trigger a new fetch, but at most one per refetch interval, so a flood of tokens with
 * made-up kids cannot hammer the identity provider. A failed fetch keeps the keys already known.
 */
public final class JwksUrl implements KeySource {

    public static final Duration DEFAULT_REFETCH_INTERVAL = Duration.ofSeconds(30);
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(15);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    static final int MAX_DOCUMENT_BYTES = 1 << 20;

    private static final System.Logger LOG = System.getLogger(JwksUrl.class.getName());
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final URI uri;
    private final Clock clock;
    private final Duration refetchInterval;
    private final Duration maxAge;
    private final Duration timeout;
    private final HttpClient client;

    private final ReentrantLock fetchLock = new ReentrantLock();
    private volatile JwksKeys keys;
    private volatile Instant fetchedAt;
    private volatile String lastError;
    /** Guarded by the fetch lock. */
    private Instant lastAttempt;

    /** A source with the default refetch interval (30 s), maximum age (15 min) and timeout (5 s). */
    public JwksUrl(URI uri, Clock clock) {
        this(uri, clock, DEFAULT_REFETCH_INTERVAL, DEFAULT_MAX_AGE, DEFAULT_TIMEOUT);
    }

    /**
     * A source with its own refetch interval, maximum age and timeout.
     *
     * @param refetchInterval least time between two fetches
     * @param maxAge          age after which known keys are fetched again, so keys the provider withdrew stop working
     * @param timeout         bound on connecting and on each whole fetch
     * @throws IllegalArgumentException when the URI is not https (or http to a loopback address)
     */
    public JwksUrl(URI uri, Clock clock, Duration refetchInterval, Duration maxAge, Duration timeout) {
        this.uri = checkUri(uri);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.refetchInterval = positive(refetchInterval, "JWKS refetch interval");
        this.maxAge = positive(maxAge, "JWKS max age");
        this.timeout = positive(timeout, "JWKS fetch timeout");
        // Redirects are not followed: one could lead from https to plain http.
        this.client = HttpClient.newBuilder().connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public Optional<PublicKey> find(String kid, String alg) {
        Optional<PublicKey> known = findKnown(kid, alg);
        if (known.isPresent()) {
            if (!isStale()) {
                return known;
            }
            // Old keys still serve while another thread fetches, so a slow provider holds up only that thread.
            if (!fetchLock.tryLock()) {
                return known;
            }
        } else {
            fetchLock.lock();
        }
        try {
            return refetchAndFind(kid, alg);
        } finally {
            fetchLock.unlock();
        }
    }

    /** Why the last fetch failed, or empty when it succeeded. */
    public Optional<String> lastError() {
        return Optional.ofNullable(lastError);
    }

    /** Called holding the fetch lock. */
    private Optional<PublicKey> refetchAndFind(String kid, String alg) {
        // Another thread may have fetched while this one waited for the lock.
        Optional<PublicKey> known = findKnown(kid, alg);
        if (known.isPresent() && !isStale()) {
            return known;
        }
        Instant now = clock.instant();
        if (lastAttempt != null && now.isBefore(lastAttempt.plus(refetchInterval))) {
            return known;
        }
        lastAttempt = now;
        fetch();
        return findKnown(kid, alg);
    }

    private Optional<PublicKey> findKnown(String kid, String alg) {
        JwksKeys current = keys;
        return current == null ? Optional.empty() : current.find(kid, alg);
    }

    private boolean isStale() {
        Instant fetched = fetchedAt;
        return fetched != null && !clock.instant().isBefore(fetched.plus(maxAge));
    }

    private void fetch() {
        try {
            JwksKeys fetched = JwksKeys.parse(new String(download(), StandardCharsets.UTF_8));
            keys = fetched;
            fetchedAt = clock.instant();
            lastError = null;
            LOG.log(System.Logger.Level.INFO, "fetched {0} signing keys from {1}", fetched.size(), uri);
            for (String refusal : fetched.refusedKeys()) {
                LOG.log(System.Logger.Level.INFO, "JWKS {0}: skipped {1}", uri, refusal);
            }
        } catch (IOException | InvalidJwksException e) {
            fail(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    private void fail(String problem) {
        lastError = "cannot fetch JWKS from " + uri + ": " + problem;
        LOG.log(System.Logger.Level.WARNING, lastError + (keys == null ? "" : "; keeping the keys fetched before"));
    }

    private byte[] download() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Accept", "application/json").GET().build();
        CompletableFuture<HttpResponse<byte[]>> response =
                client.sendAsync(request, info -> new BoundedBody(MAX_DOCUMENT_BYTES));
        HttpResponse<byte[]> received;
        try {
            // The request timeout may end once the headers arrive; this bounds the whole exchange, body included.
            received = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            response.cancel(true);
            throw new IOException("no complete answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new IOException(cause.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
        }
        if (received.statusCode() != 200) {
            throw new IOException("HTTP status " + received.statusCode());
        }
        return received.body();
    }

    private static URI checkUri(URI uri) {
        Objects.requireNonNull(uri, "JWKS URL");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new IllegalArgumentException("JWKS URL must be an absolute https URL: " + uri);
        }
        if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            throw new IllegalArgumentException("JWKS URL must use https unless its host is loopback: " + uri);
        }
        return uri;
    }

    /** True for localhost and loopback IP literals; other host names are never resolved to decide. */
    static boolean isLoopback(String host) {
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!IPV4_LITERAL.matcher(literal).matches() && !literal.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Duration positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be positive: " + duration);
        }
        return duration;
    }
}

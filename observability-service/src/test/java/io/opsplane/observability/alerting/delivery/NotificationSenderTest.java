package io.opsplane.observability.alerting.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.config.AlertmanagerConfig;
import io.opsplane.observability.alerting.config.AlertmanagerConfigReader;
import io.opsplane.observability.alerting.config.Receiver;
import io.opsplane.observability.alerting.dispatch.Integration;
import io.opsplane.observability.alerting.dispatch.Notification;
import io.opsplane.observability.egress.GuardedHttpClient;
import io.opsplane.platform.egress.ReceiverUrlPolicy;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Attempts against a real HTTP server that answers a scripted sequence of statuses: after server errors and 429
 * another attempt may follow with doubling back-off (capped) up to the attempt limit, any other refusal is final at
 * once, and every attempt reports the same payload digest.
 */
class NotificationSenderTest {

    private HttpServer server;
    private final Deque<Integer> statuses = new ArrayDeque<>();
    private int requests;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            int status;
            synchronized (statuses) {
                requests++;
                status = statuses.isEmpty() ? 200 : statuses.poll();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', textBlock = """
            delivered at once                  ; 200             ; true  ; sent:200                                  ; -
            server errors then delivered       ; 500 502 200     ; true  ; failed:500 failed:502 sent:200            ; 100 200
            429 is retried                     ; 429 200         ; true  ; failed:429 sent:200                       ; 100
            gives up after the last attempt    ; 500 500 500 500 ; false ; failed:500 failed:500 failed:500 failed:500 ; 100 200 300
            a client error is final            ; 400             ; false ; failed:400                                ; -
            not found is final                 ; 404 200         ; false ; failed:404                                ; -
            """)
    void retriesServerErrorsWithBackoffAndStopsOnRefusals(String name, String script, boolean delivered,
            String expectedAttempts, String expectedSleeps) throws Exception {
        Arrays.stream(script.split(" ")).map(Integer::valueOf).forEach(statuses::add);
        AlertmanagerConfig config = AlertmanagerConfigReader.read("""
                route: {receiver: r}
                receivers:
                  - name: r
                    webhook_configs: [{url: 'http://hooks.internal:%d/hook'}]
                """.formatted(server.getAddress().getPort()), new ReceiverUrlPolicy(Set.of("hooks.internal"),
                List.of()));
        Receiver receiver = config.receivers().get("r");
        GuardedHttpClient poster = new GuardedHttpClient(new ReceiverUrlPolicy(Set.of("hooks.internal"), List.of()),
                host -> List.of(java.net.InetAddress.getByName("127.0.0.1")), Duration.ofSeconds(2),
                Duration.ofSeconds(2), (javax.net.ssl.SSLSocketFactory) javax.net.ssl.SSLSocketFactory.getDefault());
        List<Duration> sleeps = new ArrayList<>();
        NotificationSender sender = new NotificationSender(poster, "http://opsplane", 4, Duration.ofMillis(100),
                Duration.ofMillis(300), Clock.systemUTC());
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        Alert alert = new Alert(Map.of("alertname", "A"), Map.of(), now, Optional.empty(), "");
        Notification notification = new Notification("{}:{}", Integration.of(receiver).get(0),
                Map.of("alertname", "A"), List.of(alert), Set.of(alert.fingerprint()), Set.of(), now);
        List<NotificationSender.Attempt> attempts = new ArrayList<>();

        for (int attempt = 1; attempts.isEmpty() || !attempts.get(attempts.size() - 1).last(); attempt++) {
            if (attempt > 1) {
                sleeps.add(sender.backoff(attempt - 1));
            }
            attempts.add(sender.attempt(notification, receiver, attempt));
        }

        assertEquals(delivered, attempts.get(attempts.size() - 1).success());
        assertEquals(expectedAttempts, attempts.stream()
                .map(a -> (a.success() ? "sent" : "failed") + ":" + a.httpStatus().orElse(0))
                .collect(Collectors.joining(" ")));
        assertEquals(expectedSleeps, sleeps.isEmpty() ? "-" : sleeps.stream().map(d -> String.valueOf(d.toMillis()))
                .collect(Collectors.joining(" ")));
        assertEquals(attempts.size(), requests);
        assertEquals(1, attempts.stream().map(NotificationSender.Attempt::payloadDigest).distinct().count());
        assertEquals(List.of(true), attempts.stream().filter(NotificationSender.Attempt::last)
                .map(NotificationSender.Attempt::last).toList(), "exactly one last attempt");
    }
}

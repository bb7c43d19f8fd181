package io.opsplane.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.opsplane.testing.RemoteWrite;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * Alerts across a {@code kill -9} of observability-service, as a user meets them: a value pushed by remote write
 * through the gateway, a rule file with one alert pending ({@code for}) and one held by {@code keep_firing_for} at
 * the moment of the kill, and a webhook receiver (a plain HTTP server of the test, admitted on loopback with
 * {@code OPSPLANE_ALERTMANAGER_ALLOWED_HOSTS}). After the restart the pending alert fires when its {@code for}
 * runs out counted from when it became pending (not from the restart), the held one resolves when its
 * {@code keep_firing_for} runs out, and the receiver gets every notification exactly once: the kill falls where
 * no notification is in flight, outside the alert manager's documented duplicate window. Run as a nested class of
 * {@link PlatformScenarioIT}.
 */
abstract class AlertCrashChecks {

    private static final Duration FOR = Duration.ofSeconds(45);
    private static final Duration KEEP_FIRING_FOR = Duration.ofSeconds(45);
    /** The group's interval, the alert manager's flush and the delivery: how late a notification may be. */
    private static final Duration SLACK = Duration.ofSeconds(4);
    private static final String PENDING = "E2eCrashPending";
    private static final String KEEP = "E2eCrashKeep";

    abstract LaunchedPlatform platform();

    private static RequestSpecification api() {
        return given().header("Authorization", "Bearer " + PlatformScenarioIT.token);
    }

    /** One webhook call as received: when, and Alertmanager's payload. */
    private record Received(Instant at, JsonPath payload) {
        String alertname() {
            return payload.getString("groupLabels.alertname");
        }

        String status() {
            return payload.getString("status");
        }

        Instant startsAt() {
            return Instant.parse(payload.getString("alerts[0].startsAt"));
        }

        Instant endsAt() {
            return Instant.parse(payload.getString("alerts[0].endsAt"));
        }

        @Override
        public String toString() {
            return at + " " + alertname() + " " + status() + " " + payload.getString("alerts[0].startsAt") + " .. "
                    + payload.getString("alerts[0].endsAt");
        }
    }

    @Test
    void pendingAndKeepFiringAlertsContinueAcrossKillMinus9AndEveryNotificationArrivesOnce() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String namespace = "crash-" + run;
        List<Received> received = new CopyOnWriteArrayList<>();
        HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        hook.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            JsonPath payload = JsonPath.from(body);
            if (run.equals(payload.getString("commonLabels.run"))) {
                received.add(new Received(Instant.now(), payload));
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        hook.start();
        AtomicIntegerArray values = new AtomicIntegerArray(new int[] {0, 1}); // pending, keep: seen by the pusher
        ScheduledExecutorService pusher = Executors.newSingleThreadScheduledExecutor();
        pusher.scheduleAtFixedRate(() -> push(run, values), 0, 500, TimeUnit.MILLISECONDS);
        try {
            putYaml("/api/v1/alertmanager/config", """
                    route:
                      receiver: hook
                      group_by: [alertname]
                      group_wait: 0s
                      group_interval: 1s
                      repeat_interval: 4h
                    receivers:
                      - name: hook
                        webhook_configs:
                          - url: http://127.0.0.1:%d/hook
                    """.formatted(hook.getAddress().getPort())).then().log().ifValidationFails().statusCode(200);
            putYaml("/api/v1/rules/" + namespace, """
                    groups:
                      - name: crash
                        interval: 1s
                        rules:
                          - alert: %1$s
                            expr: e2e_crash_value{run="%3$s",alert="pending"} > 0
                            for: %4$ds
                          - alert: %2$s
                            expr: e2e_crash_value{run="%3$s",alert="keep"} > 0
                            keep_firing_for: %5$ds
                    """.formatted(PENDING, KEEP, run, FOR.toSeconds(), KEEP_FIRING_FOR.toSeconds())).then().log().ifValidationFails()
                    .statusCode(200);

            Received keepFiring = awaitNotification(received, r -> r.alertname().equals(KEEP)
                    && r.status().equals("firing"), Duration.ofSeconds(60));

            // The held alert's result goes away (keep_firing_for starts), the other alert's comes (for starts).
            values.set(0, 1);
            values.set(1, 0);
            JsonPath pending = awaitAlert(PENDING, run, a -> "pending".equals(a.getString("state")),
                    Duration.ofSeconds(30));
            JsonPath held = awaitAlert(KEEP, run, a -> a.getString("keepFiringSince") != null, Duration.ofSeconds(30));
            Instant activeAt = Instant.parse(pending.getString("activeAt"));
            Instant keepFiringSince = Instant.parse(held.getString("keepFiringSince"));
            // The evaluation that changed the state saved it; a moment more, then the kill, with nothing in flight.
            Thread.sleep(3000);
            Instant killed = Instant.now();
            assertTrue(received.get(received.size() - 1).at().isBefore(killed.minusSeconds(2)),
                    "no notification in flight at the kill: " + received);
            platform().kill9("observability-service");
            platform().run("up");
            Instant restarted = Instant.now();
            System.out.printf("observability-service killed %d ms after the alert went pending, ready again %d ms "
                    + "after the kill%n", Duration.between(activeAt, killed).toMillis(),
                    Duration.between(killed, restarted).toMillis());

            // The stored state is back: the same activeAt and keepFiringSince, not new ones.
            JsonPath pendingAfter = awaitAlert(PENDING, run, a -> true, Duration.ofSeconds(30));
            assertEquals(activeAt, Instant.parse(pendingAfter.getString("activeAt")), "pending since before the kill");
            if (restarted.isBefore(keepFiringSince.plus(KEEP_FIRING_FOR).minusSeconds(2))) {
                JsonPath heldAfter = awaitAlert(KEEP, run, a -> true, Duration.ofSeconds(10));
                assertEquals(keepFiringSince, Instant.parse(heldAfter.getString("keepFiringSince")),
                        "held since before the kill");
            }

            Received fired = awaitNotification(received, r -> r.alertname().equals(PENDING)
                    && r.status().equals("firing"), FOR.plusSeconds(60));
            Received resolved = awaitNotification(received, r -> r.alertname().equals(KEEP)
                    && r.status().equals("resolved"), KEEP_FIRING_FOR.plusSeconds(60));
            // Late duplicates would arrive within a few group intervals.
            Thread.sleep(5000);
            System.out.println("notifications: " + received);

            // `for` counts from when the alert went pending before the kill (or, had the restart taken longer than
            // `for`, fires at the first evaluation after it), never `for` after the restart.
            Instant dueToFire = activeAt.plus(FOR);
            assertFalse(fired.startsAt().isBefore(dueToFire), "fired no earlier than for after activeAt: " + fired);
            assertTrue(fired.startsAt().isBefore(later(dueToFire, restarted).plus(SLACK)),
                    "fired when for ran out (" + dueToFire + "), restarted " + restarted + ": " + fired);
            assertTrue(fired.startsAt().isBefore(restarted.plus(FOR)), "for did not start again at the restart");
            // keep_firing_for likewise: resolved when it ran out, counted from before the kill.
            Instant dueToResolve = keepFiringSince.plus(KEEP_FIRING_FOR);
            assertFalse(resolved.endsAt().isBefore(dueToResolve), "held for keep_firing_for: " + resolved);
            assertFalse(resolved.at().isBefore(dueToResolve), "no resolution before keep_firing_for ran out");
            assertTrue(resolved.endsAt().isBefore(later(dueToResolve, restarted).plus(SLACK)),
                    "resolved when keep_firing_for ran out (" + dueToResolve + "): " + resolved);
            assertEquals(keepFiring.startsAt(), resolved.startsAt(), "the same alert resolved");

            // Every notification, each once.
            assertEquals(java.util.stream.Stream.of(KEEP + " firing", PENDING + " firing", KEEP + " resolved").sorted()
                    .toList(), received.stream().map(r -> r.alertname() + " " + r.status()).sorted().toList(),
                    "exactly these notifications: " + received);
        } finally {
            pusher.shutdownNow();
            hook.stop(0);
            // Back to the default: no rule of this test, no receiver that is gone.
            try {
                api().when().delete("/api/v1/rules/" + namespace);
                putYaml("/api/v1/alertmanager/config", """
                        route:
                          receiver: default
                          group_by: [alertname]
                          group_wait: 0s
                          group_interval: 1s
                          repeat_interval: 4h
                        receivers:
                          - name: default
                        """);
            } catch (RuntimeException e) {
                System.out.println("cleaning up after the alert crash check failed: " + e);
            }
        }
    }

    /** A YAML body as bytes: RestAssured has no encoder for YAML text. */
    private static Response putYaml(String path, String yaml) {
        return api().contentType("application/yaml").body(yaml.getBytes(StandardCharsets.UTF_8)).when().put(path);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** Both series with their current values, through the gateway; a push while the service is down is lost. */
    private static void push(String run, AtomicIntegerArray values) {
        long now = System.currentTimeMillis();
        byte[] body = RemoteWrite.body(List.of(
                new RemoteWrite.Series(Map.of("__name__", "e2e_crash_value", "run", run, "alert", "pending"),
                        List.of(new RemoteWrite.Sample(now, values.get(0)))),
                new RemoteWrite.Series(Map.of("__name__", "e2e_crash_value", "run", run, "alert", "keep"),
                        List.of(new RemoteWrite.Sample(now, values.get(1))))));
        try {
            api().contentType("application/x-protobuf").header("Content-Encoding", "snappy")
                    .header("X-Prometheus-Remote-Write-Version", "0.1.0").body(body).when()
                    .post("/prometheus/api/v1/write");
        } catch (RuntimeException e) {
            // the next push tries again
        }
    }

    private static Received awaitNotification(List<Received> received, Predicate<Received> wanted, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Optional<Received> found = received.stream().filter(wanted).findFirst();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such notification within " + within + "; received: " + received);
    }

    /** The alert of the rule as the alerts API shows it; a 503 while the gateway reconnects is asked again. */
    private static JsonPath awaitAlert(String alertname, String run, Predicate<JsonPath> wanted, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            Response response = api().when().get("/prometheus/api/v1/alerts");
            if (response.statusCode() == 200) {
                last = response.asString();
                JsonPath alert = response.jsonPath().setRootPath("data.alerts.find { it.labels.alertname == '"
                        + alertname + "' && it.labels.run == '" + run + "' }");
                if (present(alert) && wanted.test(alert)) {
                    return alert;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no such " + alertname + " alert within " + within + ": " + last);
    }

    /** Whether the alert was found (GPath fails on a property of the null that {@code find} gave otherwise). */
    private static boolean present(JsonPath alert) {
        try {
            return alert.getString("activeAt") != null;
        } catch (RuntimeException e) {
            return false;
        }
    }
}

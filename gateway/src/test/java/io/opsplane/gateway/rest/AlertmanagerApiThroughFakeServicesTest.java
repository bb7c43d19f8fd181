package io.opsplane.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.gateway.testing.FakeServices;
import io.opsplane.gateway.testing.ThroughFakeServices;
import io.opsplane.gateway.testing.WithFakeServices;
import io.opsplane.proto.observability.v1.CreateSilenceRequest;
import io.opsplane.proto.observability.v1.ListAlertsRequest;
import io.opsplane.proto.observability.v1.PostAlertsRequest;
import io.opsplane.proto.observability.v1.PostableAlert;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Alertmanager's API v2 on the gateway, with {@link FakeServices} as security-service and observability-service:
 * bodies in Alertmanager's shapes reach the alert manager as its messages and come back in Alertmanager's shapes;
 * and a real Prometheus 2.42, started here on its own port and data folder and told to use the gateway as its
 * Alertmanager (path_prefix /alertmanager, a bearer token), delivers its firing alert.
 */
@QuarkusTest
@TestProfile(WithFakeServices.class)
class AlertmanagerApiThroughFakeServicesTest extends ThroughFakeServices {

    @Test
    void postedAlertsReachTheAlertManagerAsItsMessages() {
        caller().contentType(ContentType.JSON).body("""
                [{"labels": {"alertname": "DiskFull", "instance": "db-1"}, "annotations": {"summary": "90%"},
                  "startsAt": "2026-06-01T08:00:00.123Z", "endsAt": "0001-01-01T00:00:00Z",
                  "generatorURL": "http://prometheus/graph?g0.expr=disk"}]""")
                .when().post("/alertmanager/api/v2/alerts").then().statusCode(200);
        PostAlertsRequest request = FakeServices.lastRequest(PostAlertsRequest.class);
        PostableAlert alert = request.getAlerts(0);
        assertEquals("DiskFull", alert.getLabelsOrThrow("alertname"));
        assertEquals(Instant.parse("2026-06-01T08:00:00.123Z").getEpochSecond(), alert.getStartsAt().getSeconds());
        assertEquals(123_000_000, alert.getStartsAt().getNanos());
        assertTrue(!alert.hasEndsAt(), "Go's zero time is no end");
        assertEquals("http://prometheus/graph?g0.expr=disk", alert.getGeneratorUrl());
    }

    @Test
    void badAlertsAre400AndAnonymousPostsAre401() {
        caller().contentType(ContentType.JSON).body("[{\"labels\": {\"a\": \"b\"}, \"startsAt\": \"yesterday\"}]")
                .when().post("/alertmanager/api/v2/alerts").then().statusCode(400)
                .body("detail", containsString("[0].startsAt"));
        given().contentType(ContentType.JSON).body("[]").when().post("/alertmanager/api/v2/alerts").then()
                .statusCode(401);
    }

    @Test
    void alertsAndSilencesComeBackInAlertmanagersShapes() {
        caller().queryParam("filter", "alertname=\"HighLatency\"").queryParam("silenced", "false")
                .when().get("/alertmanager/api/v2/alerts")
                .then().statusCode(200)
                .body("[0].fingerprint", equalTo("7bff7fd882346da9"))
                .body("[0].status.state", equalTo("suppressed"))
                .body("[0].status.silencedBy[0]", equalTo("5f1a5e4c-0000-4000-8000-000000000001"))
                .body("[0].receivers[0].name", equalTo("hook"))
                .body("[0].startsAt", equalTo("2026-01-01T00:00:00Z"));
        ListAlertsRequest list = FakeServices.lastRequest(ListAlertsRequest.class);
        assertEquals(List.of("alertname=\"HighLatency\""), list.getFilterList());
        assertTrue(list.getExcludeSilenced());

        caller().contentType(ContentType.JSON).body("""
                {"matchers": [{"name": "alertname", "value": "High.*", "isRegex": true},
                              {"name": "team", "value": "a\\"b", "isRegex": false, "isEqual": false}],
                 "startsAt": "2026-06-01T08:00:00Z", "endsAt": "2026-06-01T09:00:00Z",
                 "createdBy": "alice", "comment": "maintenance"}""")
                .when().post("/alertmanager/api/v2/silences").then().statusCode(200)
                .body("silenceID", equalTo("5f1a5e4c-0000-4000-8000-000000000001"));
        CreateSilenceRequest silence = FakeServices.lastRequest(CreateSilenceRequest.class);
        assertEquals(List.of("alertname=~\"High.*\"", "team!=\"a\\\"b\""), silence.getMatchersList());

        caller().when().get("/alertmanager/api/v2/silence/5f1a5e4c-0000-4000-8000-000000000001").then()
                .statusCode(200).body("matchers[0].name", equalTo("alertname"))
                .body("matchers[0].value", equalTo("High.*")).body("matchers[0].isRegex", equalTo(true))
                .body("status.state", equalTo("active"));
        caller().when().get("/alertmanager/api/v2/silence/5f1a5e4c-0000-4000-8000-00000000ffff").then()
                .statusCode(404);
        caller().when().get("/alertmanager/api/v2/status").then().statusCode(200)
                .body("config.original", containsString("receiver: hook"))
                .body("cluster.status", equalTo("ready"));
    }

    @Test
    void aRealPrometheusUsesTheGatewayAsItsAlertmanager() throws Exception {
        Optional<Path> binary = Stream.of("/usr/bin/prometheus", "/usr/local/bin/prometheus").map(Path::of)
                .filter(Files::isExecutable).findFirst();
        if (binary.isEmpty()) {
            throw new AssertionError("Prometheus is not installed: install the Debian package 'prometheus'");
        }
        String run = UUID.randomUUID().toString();
        Path folder = Files.createTempDirectory("opsplane-am-prometheus");
        int port = freePort();
        Files.writeString(folder.resolve("rules.yml"), """
                groups:
                  - name: opsplane-alertmanager-test
                    interval: 1s
                    rules:
                      - alert: AlwaysFiring
                        expr: vector(1)
                        labels: {run: "%s", severity: page}
                        annotations: {summary: "fires at once"}
                """.formatted(run));
        Files.writeString(folder.resolve("prometheus.yml"), """
                global:
                  evaluation_interval: 1s
                rule_files: [rules.yml]
                alerting:
                  alertmanagers:
                    - api_version: v2
                      path_prefix: /alertmanager
                      authorization:
                        credentials: %s
                      static_configs:
                        - targets: ['127.0.0.1:%d']
                """.formatted(FakeServices.CALLER_TOKEN, RestAssured.port));
        Process prometheus = new ProcessBuilder(binary.get().toString(),
                "--config.file=" + folder.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + folder.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
                // Alerts evaluated before the Alertmanager is discovered are dropped; send again every second.
                "--rules.alert.resend-delay=1s")
                .redirectErrorStream(true).redirectOutput(folder.resolve("prometheus.log").toFile()).start();
        try {
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            Optional<PostableAlert> received = Optional.empty();
            while (received.isEmpty() && Instant.now().isBefore(deadline)) {
                received = FakeServices.POSTED_ALERTS.stream()
                        .filter(alert -> run.equals(alert.getLabelsOrDefault("run", ""))).findFirst();
                Thread.sleep(100);
            }
            assertTrue(received.isPresent(), "Prometheus delivered no alert; its log: "
                    + Files.readString(folder.resolve("prometheus.log")));
            PostableAlert alert = received.get();
            assertEquals("AlwaysFiring", alert.getLabelsOrThrow("alertname"));
            assertEquals("page", alert.getLabelsOrThrow("severity"));
            assertEquals("fires at once", alert.getAnnotationsOrThrow("summary"));
            assertTrue(alert.hasStartsAt() && alert.hasEndsAt(), "Prometheus sends both times");
            assertTrue(alert.getGeneratorUrl().contains("/graph?g0.expr="), alert.getGeneratorUrl());
        } finally {
            prometheus.destroy();
            if (!prometheus.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                prometheus.destroyForcibly();
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}

package io.opsplane.observability.alerting.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.observability.alerting.alert.Fingerprint;
import io.opsplane.observability.alerting.store.AlertManagerStore;
import io.opsplane.observability.config.AlertManagerSettings;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.platform.outbox.OutboxRecord;
import io.opsplane.proto.observability.v1.AcknowledgeAlertRequest;
import io.opsplane.proto.observability.v1.AlertManagerServiceGrpc;
import io.opsplane.proto.observability.v1.AlertView;
import io.opsplane.proto.observability.v1.CreateSilenceRequest;
import io.opsplane.proto.observability.v1.EscalationPolicy;
import io.opsplane.proto.observability.v1.ExpireSilenceRequest;
import io.opsplane.proto.observability.v1.GetConfigRequest;
import io.opsplane.proto.observability.v1.ListAlertsRequest;
import io.opsplane.proto.observability.v1.ListNotificationsRequest;
import io.opsplane.proto.observability.v1.NotificationAttempt;
import io.opsplane.proto.observability.v1.NotificationPage;
import io.opsplane.proto.observability.v1.PostAlertsRequest;
import io.opsplane.proto.observability.v1.PostableAlert;
import io.opsplane.proto.observability.v1.PutConfigRequest;
import io.opsplane.proto.observability.v1.Silence;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The alert manager end to end inside observability-service, against the real PostgreSQL and a real HTTP server
 * playing the webhook receivers: a posted alert reaches the webhook as Alertmanager's version 4 payload and so
 * does its resolution; a silence mutes; an unacknowledged alert escalates and an acknowledgement stops it; every
 * attempt, failed ones included, is in the history; receiver URLs that reach this machine, the cloud metadata
 * address or private networks are refused; the state read back by a new runtime equals the one in force.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
class AlertManagerRuntimeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static WebhookReceiver receiver;
    private static HangingReceiver hanging;
    private final String run = UUID.randomUUID().toString();

    @GrpcClient("self")
    AlertManagerServiceGrpc.AlertManagerServiceBlockingStub unauthenticated;

    @Inject
    AlertManagerRuntime runtime;

    @Inject
    AlertManagerSettings settings;

    @Inject
    AlertManagerStore store;

    @Inject
    Clock clock;

    AlertManagerServiceGrpc.AlertManagerServiceBlockingStub admin;

    @BeforeAll
    static void startReceiver() throws Throwable {
        receiver = new WebhookReceiver();
        hanging = new HangingReceiver();
    }

    @AfterAll
    static void stopReceiver() throws Exception {
        receiver.close();
        hanging.close();
    }

    @BeforeEach
    void configure() {
        admin = TestPrincipals.as(TestPrincipals.admin(), unauthenticated);
        admin.putConfig(PutConfigRequest.newBuilder().setYaml(config()).build());
    }

    private static String config() {
        return """
                route:
                  receiver: hook
                  group_by: [alertname, run]
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 4h
                  routes:
                    - matchers: [alertname="Flaky"]
                      receiver: flaky
                    - matchers: [alertname="EscalateMe"]
                      receiver: quiet
                      group_by: [alertname, run, case]
                    - matchers: [alertname="SlackMe"]
                      receiver: chat
                    - matchers: [alertname="Hangs"]
                      receiver: hung
                      group_by: [alertname, run, case]
                receivers:
                  - name: hook
                    webhook_configs: [{url: '%1$s', send_resolved: true}]
                  - name: flaky
                    webhook_configs: [{url: '%2$s'}]
                  - name: quiet
                  - name: level1
                    webhook_configs: [{url: '%3$s'}]
                  - name: level2
                    webhook_configs: [{url: '%4$s'}]
                  - name: chat
                    slack_configs: [{api_url: '%5$s', channel: '#ops', text: 'look at the dashboard'}]
                  - name: hung
                    webhook_configs: [{url: '%6$s'}]
                """.formatted(receiver.url("/hook"), receiver.url("/flaky"), receiver.url("/level1"),
                receiver.url("/level2"), receiver.url("/slack"), hanging.url("/hook"));
    }

    private PostableAlert alert(String name, Map<String, String> more) {
        return PostableAlert.newBuilder().putLabels("alertname", name).putLabels("run", run).putAllLabels(more)
                .putAnnotations("summary", name + " in " + run).setGeneratorUrl("http://prometheus.example/graph")
                .build();
    }

    private void post(PostableAlert... alerts) {
        admin.postAlerts(PostAlertsRequest.newBuilder().addAllAlerts(List.of(alerts)).build());
    }

    private boolean isFor(JsonObject body, String alertname) {
        JsonArray alerts = body.getJsonArray("alerts");
        return alerts.stream().map(JsonObject.class::cast).anyMatch(alert -> run.equals(
                alert.getJsonObject("labels").getString("run"))
                && alertname.equals(alert.getJsonObject("labels").getString("alertname")));
    }

    @Test
    void aPostedAlertReachesTheWebhookAsVersion4AndSoDoesItsResolution() throws Throwable {
        Instant posted = Instant.now();
        post(alert("HighLatency", Map.of("severity", "page")));
        var firing = receiver.await("/hook", body -> isFor(body, "HighLatency")
                && body.getString("status").equals("firing"), WAIT);
        JsonObject body = firing.body();
        assertEquals(List.of("receiver", "status", "alerts", "groupLabels", "commonLabels", "commonAnnotations",
                "externalURL", "version", "groupKey", "truncatedAlerts"), List.copyOf(body.fieldNames()));
        assertEquals("4", body.getString("version"));
        assertEquals("hook", body.getString("receiver"));
        assertEquals("{}:{alertname=\"HighLatency\", run=\"" + run + "\"}", body.getString("groupKey"));
        JsonObject alert = body.getJsonArray("alerts").getJsonObject(0);
        String fingerprint = Fingerprint.of(Map.of("alertname", "HighLatency", "run", run, "severity", "page"));
        assertEquals(fingerprint, alert.getString("fingerprint"));
        assertEquals("0001-01-01T00:00:00Z", alert.getString("endsAt"));
        assertEquals("http://prometheus.example/graph", alert.getString("generatorURL"));
        assertEquals(settings.externalUrl(), body.getString("externalURL"));
        assertTrue(Duration.between(posted, firing.at()).toMillis() < 5_000, "sent at once, no group_wait");

        post(alert("HighLatency", Map.of("severity", "page")).toBuilder().setEndsAt(now()).build());
        var resolved = receiver.await("/hook", each -> isFor(each, "HighLatency")
                && each.getString("status").equals("resolved"), WAIT);
        assertEquals("resolved", resolved.body().getJsonArray("alerts").getJsonObject(0).getString("status"));
        assertEquals(1, receiver.all("/hook", each -> isFor(each, "HighLatency")
                && each.getString("status").equals("firing")).size(), "the firing one was sent once");

        // The history row is written once the receiver has answered: wait for it.
        List<NotificationAttempt> history = awaitAttempts(body.getString("groupKey"), 2);
        assertEquals(List.of("sent", "sent"), history.stream().map(NotificationAttempt::getStatus).toList());
        assertTrue(history.stream().allMatch(each -> each.getPayloadDigest().matches("[0-9a-f]{64}")
                && each.getIntegration().equals("webhook[0]") && each.getHttpStatus() == 200));
        assertEquals(List.of("AlertFiring", "AlertResolved"), eventTypes(fingerprint));
        assertTrue(eventTypes(body.getString("groupKey")).contains("NotificationSent"));
    }

    @Test
    void aSilenceMutesTheAlertsItMatchesUntilItExpires() throws Throwable {
        Silence silence = admin.createSilence(CreateSilenceRequest.newBuilder()
                .addMatchers("alertname=\"Muted\"").addMatchers("run=~\"" + run + "\"")
                .setEndsAt(Timestamps.of(Instant.now().plusSeconds(3600))).setComment("maintenance").build());
        assertEquals("active", silence.getState());
        assertEquals("test-admin", silence.getCreatedBy());
        post(alert("Muted", Map.of()), alert("Loud", Map.of()));
        receiver.await("/hook", body -> isFor(body, "Loud"), WAIT);
        Thread.sleep(2_000);
        assertEquals(List.of(), receiver.all("/hook", body -> isFor(body, "Muted")), "silenced");
        AlertView muted = admin.listAlerts(ListAlertsRequest.newBuilder().addFilter("run=\"" + run + "\"")
                .addFilter("alertname=\"Muted\"").build()).getAlerts(0);
        assertEquals("suppressed", muted.getState());
        assertEquals(List.of(silence.getId()), muted.getSilencedByList());
        assertEquals(List.of(), admin.listAlerts(ListAlertsRequest.newBuilder().addFilter("run=\"" + run + "\"")
                .addFilter("alertname=\"Muted\"").setExcludeSilenced(true).build()).getAlertsList());
        assertEquals(List.of("SilenceCreated"), eventTypes(silence.getId()));

        assertEquals("expired", admin.expireSilence(ExpireSilenceRequest.newBuilder().setId(silence.getId()).build())
                .getState());
        receiver.await("/hook", body -> isFor(body, "Muted"), WAIT);
        StatusRuntimeException again = assertThrows(StatusRuntimeException.class,
                () -> admin.expireSilence(ExpireSilenceRequest.newBuilder().setId(silence.getId()).build()));
        assertEquals(Status.Code.FAILED_PRECONDITION, again.getStatus().getCode());
    }

    @Test
    void anUnacknowledgedAlertEscalatesAndAnAcknowledgedOneStops() throws Throwable {
        admin.putEscalationPolicy(EscalationPolicy.newBuilder().setName("on-call-" + run)
                .addMatchers("run=\"" + run + "\"").addMatchers("alertname=\"EscalateMe\"")
                .addLevels(level(1, "level1")).addLevels(level(3, "level2")).build());
        post(alert("EscalateMe", Map.of("case", "ignored")), alert("EscalateMe", Map.of("case", "acked")));
        receiver.await("/level1", body -> isFor(body, "EscalateMe") && caseOf(body).equals("acked"), WAIT);
        String acked = Fingerprint.of(Map.of("alertname", "EscalateMe", "run", run, "case", "acked"));
        var ack = admin.acknowledgeAlert(AcknowledgeAlertRequest.newBuilder().setFingerprint(acked).build());
        assertEquals(1, ack.getGroupKeysCount());
        receiver.await("/level2", body -> isFor(body, "EscalateMe") && caseOf(body).equals("ignored"), WAIT);
        Thread.sleep(1_500);
        assertEquals(List.of(), receiver.all("/level2", body -> isFor(body, "EscalateMe")
                && caseOf(body).equals("acked")), "the acknowledged group stopped escalating");
        assertEquals("test-admin", admin.listAlerts(ListAlertsRequest.newBuilder()
                .addFilter("run=\"" + run + "\"").addFilter("case=\"acked\"").build()).getAlerts(0)
                .getAcknowledgedBy());
        assertTrue(eventTypes(acked).contains("AlertAcknowledged"));
        List<String> escalated = eventTypes(ack.getGroupKeys(0));
        assertTrue(escalated.contains("AlertEscalated") && !escalated.isEmpty(), escalated.toString());
    }

    private static String caseOf(JsonObject body) {
        return body.getJsonObject("commonLabels").getString("case", "");
    }

    private static EscalationPolicy.Level level(int seconds, String receiverName) {
        return EscalationPolicy.Level.newBuilder()
                .setDelay(com.google.protobuf.Duration.newBuilder().setSeconds(seconds)).addReceivers(receiverName)
                .build();
    }

    @Test
    void theHistoryKeepsEveryAttemptIncludingFailedRetries() throws Throwable {
        receiver.failFirst("/flaky", 2);
        post(alert("Flaky", Map.of()));
        var delivered = receiver.await("/flaky", body -> isFor(body, "Flaky"), WAIT);
        String groupKey = delivered.body().getString("groupKey");
        List<NotificationAttempt> attempts = awaitAttempts(groupKey, 3);
        assertEquals(List.of(3, 2, 1), attempts.stream().map(NotificationAttempt::getAttempt).toList(),
                "newest first");
        assertEquals(List.of("sent", "failed", "failed"), attempts.stream().map(NotificationAttempt::getStatus)
                .toList());
        assertEquals(500, attempts.get(2).getHttpStatus());
        assertTrue(attempts.get(2).getError().contains("500"), attempts.get(2).getError());
        assertEquals(1, attempts.stream().map(NotificationAttempt::getPayloadDigest).distinct().count());

        NotificationPage first = history(ListNotificationsRequest.newBuilder().setGroupKey(groupKey).setLimit(2)
                .build());
        assertEquals(2, first.getAttemptsCount());
        NotificationPage second = history(ListNotificationsRequest.newBuilder().setGroupKey(groupKey).setLimit(2)
                .setCursor(first.getNextCursor()).build());
        assertEquals(List.of(1), second.getAttemptsList().stream().map(NotificationAttempt::getAttempt).toList());
        assertEquals("", second.getNextCursor());
        assertEquals(2, history(ListNotificationsRequest.newBuilder().setGroupKey(groupKey).setStatus("failed")
                .build()).getAttemptsCount());
    }

    @Test
    void aReceiverThatNeverAnswersDoesNotHoldUpTheOthers() throws Throwable {
        // More groups for the dead receiver than there are delivery threads, each attempt hanging until the
        // read timeout: the healthy receiver must still get its notification at once.
        for (int i = 0; i < 2 * settings.deliveryThreads(); i++) {
            post(alert("Hangs", Map.of("case", String.valueOf(i))));
        }
        Thread.sleep(300);
        post(alert("Healthy", Map.of()));
        receiver.await("/hook", body -> isFor(body, "Healthy"), WAIT);
    }

    private List<NotificationAttempt> awaitAttempts(String groupKey, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            List<NotificationAttempt> attempts = history(ListNotificationsRequest.newBuilder().setGroupKey(groupKey)
                    .build()).getAttemptsList();
            if (attempts.size() >= count || Instant.now().isAfter(deadline)) {
                return attempts;
            }
            Thread.sleep(50);
        }
    }

    private NotificationPage history(ListNotificationsRequest request) {
        return admin.listNotifications(request);
    }

    @Test
    void aSlackReceiverGetsAnIncomingWebhookMessage() throws Throwable {
        post(alert("SlackMe", Map.of()));
        var message = receiver.await("/slack", body -> body.getJsonArray("attachments").getJsonObject(0)
                .getString("title").contains(run), WAIT).body();
        assertEquals("#ops", message.getString("channel"));
        JsonObject attachment = message.getJsonArray("attachments").getJsonObject(0);
        assertEquals("[FIRING:1] SlackMe " + run + " ", attachment.getString("title"));
        assertEquals("look at the dashboard", attachment.getString("text"));
        assertEquals("danger", attachment.getString("color"));
    }

    @Test
    void anAlertFiringCarriesTheRecentChangesOfItsApplication() throws Throwable {
        String application = "shop-" + run;
        Instant deployed = Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        io.opsplane.observability.domain.TimelineEvent change = new io.opsplane.observability.domain.TimelineEvent();
        change.eventId = UUID.randomUUID().toString();
        change.eventType = "opsplane.events.v1.DeploymentStarted";
        change.source = "opsplane/deploy-service";
        change.subject = application;
        change.eventTime = deployed;
        change.correlationId = "deploy-" + run;
        change.topic = "opsplane.deploy.events";
        change.data = new JsonObject().put("application", application).put("environment", "prod")
                .put("version", "1.2.3").encode();
        change.recordedAt = deployed;
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(change::persist));

        post(alert("ErrorRate", Map.of("application", application, "environment", "prod")));
        String fingerprint = Fingerprint.of(Map.of("alertname", "ErrorRate", "run", run, "application", application,
                "environment", "prod"));
        List<OutboxRecord> rows = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> OutboxRecord.<OutboxRecord>list("subject = ?1 and eventType = ?2", fingerprint,
                        "opsplane.events.v1.AlertFiring")));
        assertEquals(1, rows.size());
        JsonObject firing = new JsonObject(rows.get(0).data);
        assertEquals("ErrorRate", firing.getString("alertName"));
        assertEquals(application, firing.getString("application"));
        assertEquals("http://prometheus.example/graph", firing.getString("generatorUrl"));
        JsonArray changes = firing.getJsonArray("recentChanges");
        assertEquals(1, changes.size(), firing.encode());
        assertEquals(change.eventId, changes.getJsonObject(0).getString("eventId"));
        assertEquals("opsplane.events.v1.DeploymentStarted", changes.getJsonObject(0).getString("type"));
        assertEquals("deploy-" + run, changes.getJsonObject(0).getString("correlationId"));
    }

    @Test
    void hostileAlertsAreRefusedNamingTheFieldAndNothingIsStored() {
        PostableAlert good = alert("Good", Map.of());
        Map<String, PostableAlert> cases = Map.of(
                "alerts[1].labels.big: longer than", alert("Big", Map.of("big", "x".repeat(2 * 1024 * 1024))),
                "alerts[1].labels.nul: contains NUL", alert("Nul", Map.of("nul", "a\0b")),
                "alerts[1].labels: invalid name", alert("Name", Map.of("bad-name", "x")),
                "alerts[1].labels: at least one label", PostableAlert.newBuilder().build(),
                "alerts[1]: start time must be before end time", alert("Time", Map.of()).toBuilder()
                        .setStartsAt(now()).setEndsAt(Timestamps.of(Instant.now().minusSeconds(60))).build());
        cases.forEach((expected, bad) -> {
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> post(good, bad));
            assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), expected);
            assertTrue(refused.getStatus().getDescription().startsWith(expected),
                    refused.getStatus().getDescription());
        });
        assertEquals(List.of(), admin.listAlerts(ListAlertsRequest.newBuilder().addFilter("run=\"" + run + "\"")
                .setIncludeResolved(true).build()).getAlertsList(), "not even the good alert of the same post");
    }

    @Test
    void aNewConfigurationRoutesTheAlertsThatFireThroughItsRoutes() throws Throwable {
        post(alert("Moved", Map.of()));
        receiver.await("/hook", body -> isFor(body, "Moved"), WAIT);
        long before = admin.getConfig(GetConfigRequest.getDefaultInstance()).getVersion();
        String moved = config().replace("""
                    - matchers: [alertname="SlackMe"]
                """, """
                    - matchers: [alertname="Moved"]
                      receiver: level1
                    - matchers: [alertname="SlackMe"]
                """);
        assertEquals(before + 1, admin.putConfig(PutConfigRequest.newBuilder().setYaml(moved).build()).getVersion());
        receiver.await("/level1", body -> isFor(body, "Moved"), WAIT);
        assertEquals(moved, admin.getConfig(GetConfigRequest.getDefaultInstance()).getYaml());
    }

    @Test
    void afterANewConfigurationTheAlertsAreGroupedByItsRoutesAndAnUnchangedGroupIsNotNotifiedAgain()
            throws Throwable {
        post(alert("Regroup", Map.of("case", "x")), alert("Regroup", Map.of("case", "y")));
        receiver.await("/hook", body -> isFor(body, "Regroup") && body.getJsonArray("alerts").size() == 2, WAIT);
        String regrouped = config().replace("""
                  receiver: hook
                  group_by: [alertname, run]
                """, """
                  receiver: level1
                  group_by: [alertname, run, case]
                """);
        admin.putConfig(PutConfigRequest.newBuilder().setYaml(regrouped).build());
        receiver.await("/level1", body -> isFor(body, "Regroup") && caseOf(body).equals("x"), WAIT);
        receiver.await("/level1", body -> isFor(body, "Regroup") && caseOf(body).equals("y"), WAIT);
        Thread.sleep(2_000);
        List<Integer> sizes = receiver.all("/level1", body -> isFor(body, "Regroup")).stream()
                .map(each -> each.body().getJsonArray("alerts").size()).toList();
        assertEquals(List.of(1, 1), sizes, "one notification per new group, none for the old group");

        admin.putConfig(PutConfigRequest.newBuilder().setYaml(regrouped).build());
        Thread.sleep(2_000);
        assertEquals(2, receiver.all("/level1", body -> isFor(body, "Regroup")).size(),
                "the same routes again: the groups were already notified");
    }

    @Test
    void receiverUrlsThatReachThisMachineOrPrivateNetworksAreRefusedUnlessAllowed() {
        long before = admin.getConfig(GetConfigRequest.getDefaultInstance()).getVersion();
        for (String url : List.of("http://127.0.0.1:9/x", "http://169.254.169.254/latest/meta-data",
                "http://10.1.2.3/hook", "http://192.168.0.10/hook", "http://[::ffff:127.0.0.1]/hook",
                "http://[::1]/hook", "file:///etc/passwd", "http://user:secret@hooks.example.com/")) {
            String yaml = """
                    route:
                      receiver: r
                    receivers:
                      - name: r
                        webhook_configs:
                          - url: '%s'
                    """.formatted(url);
            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> admin.putConfig(PutConfigRequest.newBuilder().setYaml(yaml).build()), url);
            assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode(), url);
            assertTrue(refused.getStatus().getDescription().contains("line 6, column"),
                    refused.getStatus().getDescription());
        }
        assertEquals(before, admin.getConfig(GetConfigRequest.getDefaultInstance()).getVersion(),
                "nothing stored");
    }

    @Test
    void anInvalidConfigurationIsRefusedWithLineAndColumn() {
        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> admin.putConfig(PutConfigRequest.newBuilder().setYaml("""
                        route:
                          receiver: nobody
                        receivers:
                          - name: somebody
                        """).build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, unknown.getStatus().getCode());
        assertTrue(unknown.getStatus().getDescription().contains("\"nobody\"")
                && unknown.getStatus().getDescription().contains("line 2, column 13"),
                unknown.getStatus().getDescription());
        StatusRuntimeException unsupported = assertThrows(StatusRuntimeException.class,
                () -> admin.putConfig(PutConfigRequest.newBuilder().setYaml("""
                        route:
                          receiver: r
                        receivers:
                          - name: r
                            email_configs: [{to: a@example.com}]
                        """).build()));
        assertTrue(unsupported.getStatus().getDescription().contains("email_configs"),
                unsupported.getStatus().getDescription());
    }

    @Test
    void theStoredStateReadByANewRuntimeEqualsTheOneInForce() throws Throwable {
        post(alert("Persisted", Map.of()));
        receiver.await("/hook", body -> isFor(body, "Persisted"), WAIT);
        admin.createSilence(CreateSilenceRequest.newBuilder().addMatchers("run=\"" + run + "\"")
                .addMatchers("alertname=\"Later\"").setEndsAt(Timestamps.of(Instant.now().plusSeconds(600)))
                .setComment("kept").build());
        Thread.sleep(200);

        AlertManagerRuntime fresh = new AlertManagerRuntime();
        fresh.settings = settings;
        fresh.store = store;
        fresh.clock = clock;
        fresh.prepare();
        fresh.load();
        assertEquals(runtime.config().version(), fresh.config().version());
        assertEquals(runtime.config().yaml(), fresh.config().yaml());
        // Read back from rows, groups and log entries come in no particular order.
        assertEquals(Set.copyOf(runtime.dispatchState().groups()), Set.copyOf(fresh.dispatchState().groups()));
        assertEquals(Set.copyOf(runtime.dispatchState().log()), Set.copyOf(fresh.dispatchState().log()));
        assertEquals(runtime.alerts(), fresh.alerts());
        assertEquals(runtime.silences(), fresh.silences());
        assertEquals(runtime.policies(), fresh.policies());
        assertFalse(fresh.alerts().isEmpty());
    }

    private static Timestamp now() {
        return Timestamps.of(Instant.now());
    }

    private static List<String> eventTypes(String subject) throws Throwable {
        List<OutboxRecord> rows = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(
                () -> OutboxRecord.<OutboxRecord>list("subject = ?1 order by id", subject)));
        return rows.stream().map(row -> row.eventType.substring("opsplane.events.v1.".length())).toList();
    }
}

package io.opsplane.security.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.events.Topics;
import io.opsplane.proto.security.v1.DeleteSecretRequest;
import io.opsplane.proto.security.v1.GetSecretValueRequest;
import io.opsplane.proto.security.v1.ListSecretsRequest;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.PutSecretRequest;
import io.opsplane.proto.security.v1.SecretInfo;
import io.opsplane.proto.security.v1.SecretList;
import io.opsplane.proto.security.v1.SecretServiceGrpc;
import io.opsplane.proto.security.v1.SecretValue;
import io.opsplane.testing.EventTap;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Secrets through gRPC against the real database and broker: who may do what, and where a value never goes. */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "security"))
class SecretGrpcServiceTest {

    private static final Principal ADMIN = TestPrincipals.admin();
    private static final Principal PIPELINE_SERVICE = TestPrincipals.service("pipeline-service");

    @GrpcClient("self")
    SecretServiceGrpc.SecretServiceBlockingStub secrets;

    @Inject
    Pool pool;

    @Inject
    Topics topics;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    private SecretServiceGrpc.SecretServiceBlockingStub as(Principal principal) {
        return TestPrincipals.as(principal, secrets);
    }

    private SecretInfo put(Principal principal, String scope, String name, String value) {
        return as(principal).putSecret(PutSecretRequest.newBuilder().setScope(scope).setName(name).setValue(value)
                .build());
    }

    private SecretValue use(Principal principal, String scope, String name, String purpose) {
        return as(principal).getSecretValue(GetSecretValueRequest.newBuilder().setScope(scope).setName(name)
                .setPurpose(purpose).build());
    }

    private List<SecretInfo> listAll(Principal principal, String scope) {
        List<SecretInfo> all = new ArrayList<>();
        String token = "";
        do {
            SecretList page = as(principal).listSecrets(ListSecretsRequest.newBuilder().setScope(scope).setLimit(7)
                    .setPageToken(token).build());
            all.addAll(page.getSecretsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return all;
    }

    private static Status.Code codeOf(Runnable call) {
        return assertThrows(StatusRuntimeException.class, call::run).getStatus().getCode();
    }

    private static String uniqueName() {
        return "S_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String uniqueValue() {
        return "v4lue-" + UUID.randomUUID();
    }

    @Test
    void aSecretIsWrittenInVersionsListedAndDeleted() {
        String name = uniqueName();

        SecretInfo first = put(ADMIN, "global", name, "first-value-1234");
        SecretInfo second = put(ADMIN, "global", name, "second-value-1234");
        SecretInfo same = put(ADMIN, "global", name, "second-value-1234");
        List<SecretInfo> listed = listAll(ADMIN, "global").stream().filter(s -> s.getName().equals(name)).toList();
        SecretInfo deleted = as(ADMIN).deleteSecret(DeleteSecretRequest.newBuilder().setScope("global").setName(name)
                .build());

        assertEquals(1, first.getVersion());
        assertEquals(2, second.getVersion());
        assertEquals(3, same.getVersion(), "every write is a new version");
        assertTrue(first.getFingerprint().matches("hmac-sha256:[0-9a-f]{16}"), first.getFingerprint());
        assertNotEquals(first.getFingerprint(), second.getFingerprint());
        assertEquals(second.getFingerprint(), same.getFingerprint(), "equal values, equal fingerprints");
        assertEquals(first.getCreatedAt(), same.getCreatedAt());
        assertEquals("test-admin", same.getUpdatedBy());
        assertEquals(List.of(same), listed);
        assertEquals(3, deleted.getVersion());
        assertTrue(listAll(ADMIN, "global").stream().noneMatch(s -> s.getName().equals(name)));
        assertEquals(Status.Code.NOT_FOUND, codeOf(() -> as(ADMIN).deleteSecret(DeleteSecretRequest.newBuilder()
                .setScope("global").setName(name).build())));
        assertEquals(Status.Code.NOT_FOUND, codeOf(() -> use(PIPELINE_SERVICE, "global", name, "job:1")));
        assertEquals(1, put(ADMIN, "global", name, "third-value-1234").getVersion(), "a deleted secret starts over");
    }

    @Test
    void aDeveloperWritesAndListsOnlyWhereItsBindingReaches() {
        Principal developer = TestPrincipals.user("dev-web", "developer", "pipeline:web");
        String name = uniqueName();
        put(ADMIN, "pipeline:billing", name, uniqueValue());
        put(ADMIN, "global", name, uniqueValue());
        put(ADMIN, "pipeline:web-staging", name, uniqueValue());

        SecretInfo own = put(developer, "pipeline:web", name, uniqueValue());
        Status.Code billing = codeOf(() -> put(developer, "pipeline:billing", name, uniqueValue()));
        Status.Code global = codeOf(() -> put(developer, "global", name, uniqueValue()));
        Status.Code deleteBilling = codeOf(() -> as(developer).deleteSecret(DeleteSecretRequest.newBuilder()
                .setScope("pipeline:billing").setName(name).build()));
        List<SecretInfo> visible = listAll(developer, "");
        List<SecretInfo> billingOnly = listAll(developer, "pipeline:billing");

        assertEquals("pipeline:web", own.getScope());
        assertEquals("dev-web", own.getUpdatedBy());
        assertEquals(Status.Code.PERMISSION_DENIED, billing);
        assertEquals(Status.Code.PERMISSION_DENIED, global);
        assertEquals(Status.Code.PERMISSION_DENIED, deleteBilling);
        assertFalse(visible.isEmpty());
        assertEquals(Set.of("pipeline:web"), visible.stream().map(SecretInfo::getScope).collect(Collectors.toSet()));
        assertTrue(visible.stream().anyMatch(s -> s.getName().equals(name)));
        assertEquals(List.of(), billingOnly);
    }

    @Test
    void aPatternBindingReachesTheScopesItMatches() {
        Principal staging = TestPrincipals.user("dev-staging", "developer", "pipeline:web-*");
        String name = uniqueName();
        put(ADMIN, "pipeline:web-staging", name, uniqueValue());
        put(ADMIN, "pipeline:webshop", name, uniqueValue());

        put(staging, "pipeline:web-canary", name, uniqueValue());
        Status.Code other = codeOf(() -> put(staging, "pipeline:webshop", name, uniqueValue()));
        Set<String> scopes = listAll(staging, "").stream().filter(s -> s.getName().equals(name))
                .map(SecretInfo::getScope).collect(Collectors.toSet());

        assertEquals(Status.Code.PERMISSION_DENIED, other);
        assertEquals(Set.of("pipeline:web-staging", "pipeline:web-canary"), scopes);
    }

    @Test
    void aViewerListsButCannotWrite() {
        Principal viewer = TestPrincipals.user("viewer", "viewer", "global");
        String name = uniqueName();
        put(ADMIN, "global", name, uniqueValue());

        assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> put(viewer, "global", name, uniqueValue())));
        assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> as(viewer).deleteSecret(DeleteSecretRequest
                .newBuilder().setScope("global").setName(name).build())));
        assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> put(TestPrincipals.nobody(), "global", name,
                uniqueValue())));
        assertTrue(listAll(viewer, "global").stream().anyMatch(s -> s.getName().equals(name)));
    }

    @Test
    void onlyAServiceWithSecretsUseReadsAValue() {
        String name = uniqueName();
        String value = uniqueValue();
        put(ADMIN, "environment:prod", name, value);

        SecretValue used = use(PIPELINE_SERVICE, "environment:prod", name, "job:42");
        SecretValue deploy = use(TestPrincipals.service("deploy-service"), "environment:prod", name,
                "environment:prod");

        assertEquals(value, used.getValue());
        assertEquals(value, deploy.getValue());
        assertEquals(name, used.getInfo().getName());
        for (Principal person : List.of(ADMIN, TestPrincipals.user("dev", "developer", "global"),
                TestPrincipals.user("op", "operator", "global"))) {
            assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> use(person, "environment:prod", name, "job:42")),
                    person.getSubject());
        }
        assertEquals(Status.Code.PERMISSION_DENIED, codeOf(() -> use(TestPrincipals.service("gateway"),
                "environment:prod", name, "job:42")));
        assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> use(PIPELINE_SERVICE, "environment:prod", name, "")));
        assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> use(PIPELINE_SERVICE, "environment:prod", name,
                "no purpose")));
    }

    @Test
    void badInputIsRefusedWithoutRepeatingTheValue() {
        String valid = uniqueValue();
        String[][] bad = {
            {"global", "SHORT_VALUE", "s3cr3t"},
            {"global", "NUL_VALUE", "abc\0defghij-" + valid},
            {"global", "LONG_VALUE", "x".repeat(65_537) + valid},
            {"global", "1STARTS_WITH_DIGIT", valid},
            {"global", "HAS-DASH", valid},
            {"global", "", valid},
            {"cluster:x", "NAME", valid},
            {"pipeline:", "NAME", valid},
            {"pipeline:web*", "NAME", valid},
            {"", "NAME", valid},
        };
        for (String[] row : bad) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> put(ADMIN, row[0], row[1],
                    row[2]), String.join("|", row[0], row[1]));
            String description = String.valueOf(e.getStatus().getDescription());
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), description);
            assertFalse(description.contains(row[2].length() > 40 ? row[2].substring(row[2].length() - 40) : row[2]),
                    description);
            assertFalse(description.contains(valid), description);
        }
        assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> as(ADMIN).listSecrets(ListSecretsRequest.newBuilder()
                .setPageToken("not-a-token").build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, codeOf(() -> as(ADMIN).listSecrets(ListSecretsRequest.newBuilder()
                .setLimit(1001).build())));
    }

    @Test
    void theValueIsNeverAnsweredStoredOrPublished() throws Exception {
        String name = uniqueName();
        String value = "Do-Not-Leak-" + UUID.randomUUID();
        String key = "global/" + name;
        try (EventTap tap = new EventTap(kafka, List.of(topics.events("security")))) {
            List<Object> answers = new ArrayList<>();
            answers.add(put(ADMIN, "global", name, value));
            answers.add(put(ADMIN, "global", name, value));
            answers.add(as(ADMIN).listSecrets(ListSecretsRequest.newBuilder().setScope("global").build()));
            SecretValue used = use(PIPELINE_SERVICE, "global", name, "job:7");
            answers.add(used.getInfo());
            answers.add(as(ADMIN).deleteSecret(DeleteSecretRequest.newBuilder().setScope("global").setName(name)
                    .build()));

            List<ConsumerRecord<String, byte[]>> events = tap.await(r -> key.equals(r.key()), 4, Duration.ofSeconds(10));

            assertEquals(value, used.getValue());
            answers.forEach(answer -> assertNotContained(value, answer.toString(), "an answer"));
            assertEquals(List.of("SecretWritten", "SecretWritten", "SecretUsed", "SecretDeleted"), events.stream()
                    .map(e -> EventTap.header(e, "ce_type").replace("opsplane.events.v1.", "")).toList());
            for (ConsumerRecord<String, byte[]> event : events) {
                assertNotContained(value, new String(event.value(), StandardCharsets.UTF_8), "an event");
                assertEquals("opsplane/security-service", EventTap.header(event, "ce_source"));
            }
            String usedEvent = new String(events.get(2).value(), StandardCharsets.UTF_8);
            assertTrue(usedEvent.contains("\"usedBy\":\"service:pipeline-service\""), usedEvent);
            assertTrue(usedEvent.contains("\"purpose\":\"job:7\""), usedEvent);
            assertTrue(usedEvent.contains("\"version\":2"), usedEvent);
            String written = new String(events.get(0).value(), StandardCharsets.UTF_8);
            assertTrue(written.contains("\"fingerprint\":\"" + used.getInfo().getFingerprint() + "\""), written);
            assertTrue(written.contains("\"writtenBy\":\"test-admin\""), written);
        }
        put(ADMIN, "global", name, value);
        for (String table : List.of("secret", "secret_data_key", "outbox_event")) {
            assertNotContained(value, tableAsText(table), "table " + table);
        }
    }

    @Test
    void aTamperedValueOrKeyFailsCleanly() {
        String name = uniqueName();
        String other = uniqueName();
        String value = uniqueValue();
        put(ADMIN, "global", name, value);
        put(ADMIN, "global", other, uniqueValue());
        Row row = secretRow("global", name);
        byte[] sealed = row.getBuffer("sealed_value").getBytes();
        String dataKeyId = row.getString("data_key_id");

        byte[] flipped = sealed.clone();
        flipped[flipped.length - 1] ^= 1;
        setSealedValue(name, flipped);
        StatusRuntimeException changedValue = assertThrows(StatusRuntimeException.class,
                () -> use(PIPELINE_SERVICE, "global", name, "job:1"));
        setSealedValue(name, secretRow("global", other).getBuffer("sealed_value").getBytes());
        StatusRuntimeException copiedValue = assertThrows(StatusRuntimeException.class,
                () -> use(PIPELINE_SERVICE, "global", name, "job:1"));
        setSealedValue(name, sealed);
        assertEquals(value, use(PIPELINE_SERVICE, "global", name, "job:1").getValue(), "restored, it opens again");
        byte[] wrappedKey = dataKeyRow(dataKeyId).getBuffer("ciphertext").getBytes();
        byte[] changedKeyBytes = wrappedKey.clone();
        changedKeyBytes[0] ^= 1;
        setWrappedKey(dataKeyId, changedKeyBytes);
        StatusRuntimeException changedKey = assertThrows(StatusRuntimeException.class,
                () -> use(PIPELINE_SERVICE, "global", name, "job:1"));
        setWrappedKey(dataKeyId, wrappedKey);

        for (StatusRuntimeException e : List.of(changedValue, copiedValue, changedKey)) {
            String description = String.valueOf(e.getStatus().getDescription());
            assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode(), description);
            assertTrue(description.contains("cannot be opened"), description);
            assertNotContained(value, description, "an error");
            assertFalse(description.contains(HexFormat.of().formatHex(wrappedKey)), description);
        }
        assertTrue(String.valueOf(changedKey.getStatus().getDescription()).contains(dataKeyId));
        assertEquals(value, use(PIPELINE_SERVICE, "global", name, "job:1").getValue());
    }

    private static void assertNotContained(String value, String text, String where) {
        String hex = HexFormat.of().formatHex(value.getBytes(StandardCharsets.UTF_8));
        assertFalse(text.contains(value), "the value appears in " + where);
        assertFalse(text.toLowerCase().contains(hex), "the value's bytes appear in " + where);
    }

    private String tableAsText(String table) {
        return pool.query("SELECT row_to_json(t)::text AS json FROM " + table + " t").execute()
                .await().atMost(Duration.ofSeconds(5)).stream().map(r -> r.getString("json"))
                .collect(Collectors.joining("\n"));
    }

    private Row secretRow(String scope, String name) {
        return single("SELECT sealed_value, data_key_id FROM secret WHERE scope = $1 AND name = $2",
                Tuple.of(scope, name));
    }

    private Row dataKeyRow(String id) {
        return single("SELECT ciphertext FROM secret_data_key WHERE id = $1", Tuple.of(id));
    }

    private Row single(String sql, Tuple arguments) {
        var rows = pool.preparedQuery(sql).execute(arguments).await().atMost(Duration.ofSeconds(5));
        assertEquals(1, rows.size(), sql);
        return rows.iterator().next();
    }

    private void setSealedValue(String name, byte[] sealed) {
        update("UPDATE secret SET sealed_value = $1 WHERE scope = 'global' AND name = $2",
                Tuple.of(Buffer.buffer(sealed), name));
    }

    private void setWrappedKey(String id, byte[] ciphertext) {
        update("UPDATE secret_data_key SET ciphertext = $1 WHERE id = $2",
                Tuple.of(Buffer.buffer(ciphertext), id));
    }

    private void update(String sql, Tuple arguments) {
        assertEquals(1, pool.preparedQuery(sql).execute(arguments).await().atMost(Duration.ofSeconds(5)).rowCount(), sql);
    }
}

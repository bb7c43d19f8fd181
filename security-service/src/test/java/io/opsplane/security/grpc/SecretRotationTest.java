package io.opsplane.security.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.opsplane.platform.events.Topics;
import io.opsplane.proto.security.v1.GetSecretValueRequest;
import io.opsplane.proto.security.v1.MasterKeyRotation;
import io.opsplane.proto.security.v1.Principal;
import io.opsplane.proto.security.v1.PutSecretRequest;
import io.opsplane.proto.security.v1.RotateMasterKeyRequest;
import io.opsplane.proto.security.v1.SecretServiceGrpc;
import io.opsplane.security.secrets.DataKey;
import io.opsplane.security.secrets.KeyRing;
import io.opsplane.security.secrets.KeyWrapper;
import io.opsplane.security.secrets.MasterKey;
import io.opsplane.security.secrets.MasterKeys;
import io.opsplane.security.secrets.WrappedDataKey;
import io.opsplane.testing.EventTap;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestPrincipals;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Master key rotation with a previous key configured: data keys wrapped under the old key open while they
 * wait, move to the current key in one call, and values read the same before, during and after.
 */
@QuarkusTest
@TestProfile(SecretRotationTest.RotatingKeys.class)
@WithTestResource(value = OpsplaneTestResources.class,
        initArgs = @ResourceArg(name = "database", value = "security_rotation"))
class SecretRotationTest {

    /** Test-only keys: the new master key is current, the old one is among the previous keys. */
    public static class RotatingKeys implements QuarkusTestProfile {

        static final String NEW_KEY = "G6K/ibS4E07J+baLRSRT4uf4gGSmlAq3wj7Fkd1PYvU=";
        static final String OLD_KEY = "BoMLrCjPKPe9ASBSrXo1KgdRUPNCkKYxOdhWJDC3sOM=";
        /** Configured nowhere. */
        static final String UNKNOWN_KEY = "ysbVUpaku2Qemw1+GYe/NpJOWQJ1vVAkeXpx/C/Kw6E=";

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("opsplane.security.master-key", NEW_KEY,
                    "opsplane.security.master-key-previous", " " + OLD_KEY + " ,");
        }
    }

    private static final Principal ADMIN = TestPrincipals.admin();
    private static final Principal PIPELINE_SERVICE = TestPrincipals.service("pipeline-service");
    private static final KeyRing CONFIGURED = MasterKeys.ring(RotatingKeys.NEW_KEY, null,
            List.of(RotatingKeys.OLD_KEY));
    private static final MasterKey OLD = MasterKeys.previous(List.of(RotatingKeys.OLD_KEY)).get(0);
    private static final MasterKey UNKNOWN = MasterKeys.previous(List.of(RotatingKeys.UNKNOWN_KEY)).get(0);

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

    private String read(String name) {
        return as(PIPELINE_SERVICE).getSecretValue(GetSecretValueRequest.newBuilder().setScope("project:shop")
                .setName(name).setPurpose("job:rotation").build()).getValue();
    }

    private Map<String, String> putSecrets(int count) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String name = "ROTATED_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            String value = "value-" + i + "-" + UUID.randomUUID();
            as(ADMIN).putSecret(PutSecretRequest.newBuilder().setScope("project:shop").setName(name).setValue(value)
                    .build());
            values.put(name, value);
        }
        return values;
    }

    @Test
    void rotationMovesEveryDataKeyToTheCurrentKeyWhileReadsGoOn() throws Exception {
        Map<String, String> values = putSecrets(30);
        // As if written before the new key became current: every data key under the old one.
        for (Row row : dataKeys()) {
            rewrapRow(row, OLD);
        }
        int waiting = dataKeys().size();
        assertEquals(Set.of(OLD.keyId()), masterKeyIds());
        values.forEach((name, value) -> assertEquals(value, read(name), "opens under the previous key"));

        AtomicBoolean rotating = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        List<String> names = new ArrayList<>(values.keySet());
        CompletableFuture<Void> reader = CompletableFuture.runAsync(() -> {
            for (int i = 0; rotating.get() || i < names.size(); i++) {
                String name = names.get(i % names.size());
                try {
                    if (!values.get(name).equals(read(name))) {
                        failures.add(name + ": another value");
                    }
                    reads.incrementAndGet();
                } catch (RuntimeException e) {
                    failures.add(name + ": " + e.getMessage());
                }
            }
        });
        MasterKeyRotation rotation;
        try (EventTap tap = new EventTap(kafka, List.of(topics.events("security")))) {
            rotation = as(ADMIN).rotateMasterKey(RotateMasterKeyRequest.getDefaultInstance());
            rotating.set(false);
            reader.get();

            // The topic is read from its start: earlier rotations of this run are on it too.
            var events = tap.await(r -> CONFIGURED.current().keyId().equals(r.key()) && new String(r.value(),
                    StandardCharsets.UTF_8).contains("\"rewrapped\":" + waiting + ","), 1, Duration.ofSeconds(10));
            assertEquals(1, events.size());
            assertEquals("opsplane.events.v1.MasterKeyRotated", EventTap.header(events.get(0), "ce_type"));
            String data = new String(events.get(0).value(), StandardCharsets.UTF_8);
            assertTrue(data.contains("\"keyId\":\"" + CONFIGURED.current().keyId() + "\""), data);
            assertTrue(data.contains("\"rotatedBy\":\"test-admin\""), data);
        }
        MasterKeyRotation again = as(ADMIN).rotateMasterKey(RotateMasterKeyRequest.getDefaultInstance());

        assertEquals(List.of(), failures, "reads during the rotation");
        assertTrue(reads.get() >= names.size(), "reads during the rotation: " + reads.get());
        assertEquals(CONFIGURED.current().keyId(), rotation.getKeyId());
        assertEquals(waiting, rotation.getRewrapped());
        assertEquals(waiting, rotation.getDataKeys());
        assertEquals(0, again.getRewrapped());
        assertEquals(Set.of(CONFIGURED.current().keyId()), masterKeyIds());
        // The old key can leave the configuration: every data key opens with the current key alone.
        KeyRing currentOnly = MasterKeys.ring(RotatingKeys.NEW_KEY, null, List.of());
        for (Row row : dataKeys()) {
            try (DataKey key = KeyWrapper.unwrap(wrapped(row), currentOnly)) {
                assertEquals(row.getString("id"), key.id().toString());
            }
        }
        values.forEach((name, value) -> assertEquals(value, read(name), "opens after the rotation"));
    }

    @Test
    void aDataKeyUnderAnUnconfiguredMasterKeyIsReportedByItsId() {
        String name = putSecrets(1).keySet().iterator().next();
        Row row = single("SELECT k.id, k.master_key_id, k.nonce, k.ciphertext FROM secret s "
                + "JOIN secret_data_key k ON k.id = s.data_key_id WHERE s.name = $1", Tuple.of(name));
        rewrapRow(row, UNKNOWN);

        StatusRuntimeException read = assertThrows(StatusRuntimeException.class, () -> read(name));
        StatusRuntimeException rotate = assertThrows(StatusRuntimeException.class,
                () -> as(ADMIN).rotateMasterKey(RotateMasterKeyRequest.getDefaultInstance()));
        rewrapRow(single("SELECT id, master_key_id, nonce, ciphertext FROM secret_data_key WHERE id = $1",
                Tuple.of(row.getString("id"))), OLD, MasterKeys.ring(RotatingKeys.UNKNOWN_KEY, null, List.of()));

        for (StatusRuntimeException e : List.of(read, rotate)) {
            assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
            assertTrue(String.valueOf(e.getStatus().getDescription()).contains(UNKNOWN.keyId()),
                    e.getStatus().getDescription());
            assertTrue(!String.valueOf(e.getStatus().getDescription()).contains(RotatingKeys.UNKNOWN_KEY));
        }
        as(ADMIN).rotateMasterKey(RotateMasterKeyRequest.getDefaultInstance());
        read(name);
    }

    @Test
    void onlyAGlobalSecretsRotateHolderRotates() {
        for (Principal caller : List.of(TestPrincipals.user("op", "operator", "global"),
                TestPrincipals.user("scoped-admin", "admin", "project:shop"), PIPELINE_SERVICE)) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                    () -> as(caller).rotateMasterKey(RotateMasterKeyRequest.getDefaultInstance()));
            assertEquals(Status.Code.PERMISSION_DENIED, e.getStatus().getCode(), caller.getSubject());
        }
    }

    private List<Row> dataKeys() {
        List<Row> rows = new ArrayList<>();
        pool.query("SELECT id, master_key_id, nonce, ciphertext FROM secret_data_key").execute()
                .await().atMost(Duration.ofSeconds(5)).forEach(rows::add);
        return rows;
    }

    private Set<String> masterKeyIds() {
        Set<String> ids = new TreeSet<>();
        dataKeys().forEach(row -> ids.add(row.getString("master_key_id")));
        return ids;
    }

    private Row single(String sql, Tuple arguments) {
        var rows = pool.preparedQuery(sql).execute(arguments).await().atMost(Duration.ofSeconds(5));
        assertEquals(1, rows.size(), sql);
        return rows.iterator().next();
    }

    private void rewrapRow(Row row, MasterKey target) {
        rewrapRow(row, target, CONFIGURED);
    }

    /** Stores the data key of {@code row} wrapped under {@code target}, as an older instance would have. */
    private void rewrapRow(Row row, MasterKey target, KeyRing opening) {
        try (DataKey key = KeyWrapper.unwrap(wrapped(row), opening)) {
            WrappedDataKey moved = KeyWrapper.wrap(key, target);
            int updated = pool.preparedQuery("UPDATE secret_data_key SET master_key_id = $1, nonce = $2, "
                    + "ciphertext = $3 WHERE id = $4").execute(Tuple.of(moved.masterKeyId(),
                            Buffer.buffer(moved.nonce()), Buffer.buffer(moved.ciphertext()), row.getString("id")))
                    .await().atMost(Duration.ofSeconds(5)).rowCount();
            assertEquals(1, updated);
        }
    }

    private static WrappedDataKey wrapped(Row row) {
        return new WrappedDataKey(UUID.fromString(row.getString("id")), row.getString("master_key_id"),
                row.getBuffer("nonce").getBytes(), row.getBuffer("ciphertext").getBytes());
    }
}

package io.opsplane.observability.targets;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.observability.rest.DiscoveryRoute;
import io.opsplane.platform.events.CloudEventCodec;
import io.opsplane.platform.events.EventCatalog;
import io.opsplane.platform.grpc.Timestamps;
import io.opsplane.proto.events.v1.DeploymentRef;
import io.opsplane.proto.events.v1.InstanceStarted;
import io.opsplane.proto.events.v1.InstanceStopped;
import io.opsplane.testing.MetricsStoreTestResource;
import io.opsplane.testing.OpsplaneTestResources;
import io.opsplane.testing.TestInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The application instances deploy-service announces on Kafka are in the metrics store's discovery, labelled with
 * application, environment, version and track, until it announces them stopped.
 */
@QuarkusTest
@WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name = "database", value = "observability"))
@WithTestResource(value = MetricsStoreTestResource.class)
class DeployedInstancesDiscoveryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @Inject
    io.opsplane.platform.events.Topics topics;

    private final String application = "shop-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aStartedInstanceIsDiscoveredWithItsLabelsUntilItIsStopped() throws Exception {
        String instance = application + "-staging-canary-1";
        DeploymentRef ref = DeploymentRef.newBuilder().setDeploymentId(UUID.randomUUID().toString()).setVersion("2.0.0")
                .build();
        publish(InstanceStarted.newBuilder().setApplication(application).setEnvironment("staging").setRef(ref)
                .setInstance(instance).setTrack("canary").setPid(4242).setPort(31_337)
                .setStartedAt(Timestamps.of(Instant.now())).build());
        String group = "find { it.labels.deploy_instance == '" + instance + "' }";
        JsonPath discovered = awaitDiscovery(json -> json.get(group) != null);
        assertEquals(List.of("127.0.0.1:31337"), discovered.getList(group + ".targets"));
        assertEquals(Map.of("__metrics_path__", "/metrics", "job", application, "application", application,
                "environment", "staging", "version", "2.0.0", "track", "canary", "deploy_instance", instance),
                discovered.getMap(group + ".labels"));
        assertTrue(discovered.getList("labels.component").contains("gateway"), "the platform is still listed");

        publish(InstanceStopped.newBuilder().setApplication(application).setEnvironment("staging").setRef(ref)
                .setInstance(instance).setTrack("canary").setStoppedAt(Timestamps.of(Instant.now())).build());
        awaitDiscovery(json -> json.get(group) == null);
    }

    private void publish(com.google.protobuf.Message payload) throws Exception {
        Properties props = new Properties();
        props.putAll(TestInfrastructure.kafkaClientConfig(kafka));
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (var producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer())) {
            var event = EventCatalog.instance().envelope(payload, "opsplane/deploy-service", application, null, null);
            producer.send(CloudEventCodec.toRecord(topics.events("deploy"), event)).get(10, TimeUnit.SECONDS);
        }
    }

    private static JsonPath awaitDiscovery(java.util.function.Predicate<JsonPath> condition) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonPath json = null;
        while (Instant.now().isBefore(deadline)) {
            json = given().header("Authorization", "Bearer " + MetricsStoreTestResource.DISCOVERY_TOKEN)
                    .when().get(DiscoveryRoute.PATH).then().statusCode(200).extract().jsonPath();
            if (condition.test(json)) {
                return json;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("discovery never showed what was expected: " + (json == null ? "" : json.prettify()));
    }
}

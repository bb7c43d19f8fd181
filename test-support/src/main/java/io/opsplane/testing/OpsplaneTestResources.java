package io.opsplane.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the real Kafka broker and a fresh PostgreSQL database of its own.
 * Use with {@code @WithTestResource(value = OpsplaneTestResources.class, initArgs = @ResourceArg(name =
 * "database", value = "pipeline"))}.
 */
public class OpsplaneTestResources implements QuarkusTestResourceLifecycleManager {

    private String database = "service";
    private String topicPrefix;
    private String kafka;

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        kafka = TestInfrastructure.kafkaBootstrap();
        TestInfrastructure.Postgres pg = TestInfrastructure.postgres();
        String name = TestInfrastructure.freshDatabase("opsplane_test_" + database);
        // Topics of this test run only: nothing is written into a platform running on the same broker.
        topicPrefix = "test-" + java.util.UUID.randomUUID().toString().substring(0, 8) + ".opsplane";
        Map<String, String> config = new java.util.HashMap<>(Map.of(
                "opsplane.topics.prefix", topicPrefix,
                "quarkus.datasource.reactive.url", pg.reactiveUrl(name),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(name),
                "quarkus.datasource.username", pg.user(),
                "quarkus.datasource.password", pg.password()));
        // Callers are verified with this run's key (TestPrincipals).
        config.putAll(TestPrincipals.serviceConfig());
        // As the launcher does for a platform: every topic exists before the service starts.
        TestInfrastructure.createTopics(kafka, topicPrefix);
        // The test logs in to the broker as its administrator: the test topics are its own.
        TestInfrastructure.kafkaClientConfig(kafka).forEach((key, value) -> config.put("kafka." + key, String.valueOf(value)));
        config.putIfAbsent("kafka.security.protocol", "PLAINTEXT");
        return config;
    }

    @Override
    public void stop() {
        // The broker and the server outlive the test (other modules' tests use them); this run's topics go.
        TestInfrastructure.deleteTopics(kafka, topicPrefix + ".");
    }
}

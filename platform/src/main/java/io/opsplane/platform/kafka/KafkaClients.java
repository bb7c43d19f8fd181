package io.opsplane.platform.kafka;

import io.opsplane.platform.broker.KafkaLogin;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one Kafka producer of a service (used by the outbox relay and for dead letters) and an admin
 * client. Idempotent and {@code acks=all}: a retried send never duplicates or reorders a partition.
 */
@ApplicationScoped
public class KafkaClients {

    /** The largest record the producer sends (Kafka's default, stated so the relay can check first). */
    public static final int MAX_REQUEST_BYTES = 1_048_576;
    public static final int DELIVERY_TIMEOUT_MS = 30_000;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    @ConfigProperty(name = "kafka.security.protocol", defaultValue = "PLAINTEXT")
    String securityProtocol;

    @ConfigProperty(name = "kafka.sasl.mechanism", defaultValue = "SCRAM-SHA-512")
    String saslMechanism;

    @ConfigProperty(name = "kafka.sasl.jaas.config", defaultValue = "")
    String saslJaasConfig;

    private volatile Producer<String, byte[]> producer;

    public Producer<String, byte[]> producer() {
        Producer<String, byte[]> current = producer;
        if (current == null) {
            synchronized (this) {
                if (producer == null) {
                    producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer());
                }
                current = producer;
            }
        }
        return current;
    }

    private volatile Admin sharedAdmin;

    /** One admin client kept for the life of the service (lag reports); do not close it. */
    public Admin sharedAdmin() {
        Admin current = sharedAdmin;
        if (current == null) {
            synchronized (this) {
                if (sharedAdmin == null) {
                    sharedAdmin = admin();
                }
                current = sharedAdmin;
            }
        }
        return current;
    }

    public Admin admin() {
        Properties props = new Properties();
        props.putAll(credentials());
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, applicationName + "-admin");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(props);
    }

    private Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(credentials());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, applicationName + "-events");
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, DELIVERY_TIMEOUT_MS);
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        return config;
    }

    /** How this component logs in to the broker (the same settings the messaging channels use). */
    Map<String, Object> credentials() {
        return new KafkaLogin(securityProtocol, saslMechanism, saslJaasConfig).clientSettings();
    }

    /** After the outbox relay has stopped (it observes shutdown with priority 1). */
    void close(@Observes @Priority(100) ShutdownEvent event) {
        Producer<String, byte[]> current = producer;
        if (current != null) {
            current.close(Duration.ofSeconds(5));
        }
        Admin admin = sharedAdmin;
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}

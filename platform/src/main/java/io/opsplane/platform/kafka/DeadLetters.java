package io.opsplane.platform.kafka;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Moves records that can never be processed to the service's dead-letter topic, unchanged, with the
 * reason and their origin in {@code dead-letter-*} headers, so the consumer can go on.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String H_REASON = "dead-letter-reason";
    public static final String H_TOPIC = "dead-letter-topic";
    public static final String H_PARTITION = "dead-letter-partition";
    public static final String H_OFFSET = "dead-letter-offset";
    public static final String H_CONSUMER = "dead-letter-consumer";

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    KafkaClients kafka;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    /** {@code opsplane.<service>.dead-letter}. */
    public String topic() {
        return topicOf(applicationName);
    }

    public static String topicOf(String applicationName) {
        return "opsplane." + applicationName.replace("-service", "") + ".dead-letter";
    }

    public Uni<Void> send(String consumer, ConsumerRecord<String, byte[]> record, String reason) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(H_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(H_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(H_PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(H_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add(H_CONSUMER, consumer.getBytes(StandardCharsets.UTF_8));
        LOG.warnf("dead-lettering %s-%d@%d for %s: %s", record.topic(), record.partition(), record.offset(),
                consumer, reason);
        return KafkaSend.sendUni(kafka.producer(),
                new ProducerRecord<>(topic(), null, record.key(), record.value(), headers)).replaceWithVoid();
    }
}

package io.opsplane.platform.kafka;

import io.opsplane.platform.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Moves records that can never be processed to the service's dead-letter topic, unchanged, with the
 * reason, its kind and their origin in {@code dead-letter-*} headers, so the consumer can go on.
 */
@ApplicationScoped
public class DeadLetters {

    /** Why a record was dead-lettered. */
    public enum Kind {
        /** Not a valid event of the catalogue, or not from the owner of its topic. */
        POISON,
        /** A valid event whose effect fails for good (constraint, size, validation). */
        PERMANENT,
        /** A failure that might pass, still failing after every retry. */
        RETRIES_EXHAUSTED;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public static final String H_REASON = "dead-letter-reason";
    public static final String H_KIND = "dead-letter-kind";
    public static final String H_TOPIC = "dead-letter-topic";
    public static final String H_PARTITION = "dead-letter-partition";
    public static final String H_OFFSET = "dead-letter-offset";
    public static final String H_CONSUMER = "dead-letter-consumer";
    private static final int MAX_REASON_LENGTH = 1000;

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    @Inject
    KafkaClients kafka;

    @Inject
    Topics topics;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "quarkus.application.name")
    String applicationName;

    /** {@code <prefix>.<domain>.dead-letter}. */
    public String topic() {
        return topics.deadLetter(applicationName.replace("-service", ""));
    }

    /**
     * Sends the record to the dead-letter topic; the future completes when Kafka acknowledged it. It
     * may block until the producer has the topic's metadata, so call it from a worker thread.
     */
    public CompletableFuture<RecordMetadata> send(String consumer, ConsumerRecord<String, byte[]> record, Kind kind,
            String reason) {
        String shortReason = reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) : reason;
        RecordHeaders headers = new RecordHeaders();
        for (Header header : record.headers()) {
            headers.add(header);
        }
        headers.add(H_REASON, shortReason.getBytes(StandardCharsets.UTF_8));
        headers.add(H_KIND, kind.label().getBytes(StandardCharsets.UTF_8));
        headers.add(H_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
        headers.add(H_PARTITION, Integer.toString(record.partition()).getBytes(StandardCharsets.UTF_8));
        headers.add(H_OFFSET, Long.toString(record.offset()).getBytes(StandardCharsets.UTF_8));
        headers.add(H_CONSUMER, consumer.getBytes(StandardCharsets.UTF_8));
        LOG.warnf("dead-lettering %s-%d@%d for %s (%s): %s", record.topic(), record.partition(), record.offset(),
                consumer, kind.label(), shortReason);
        registry.counter("opsplane.events.dead-lettered", "consumer", consumer, "kind", kind.label()).increment();
        return KafkaSend.send(kafka.producer(), new ProducerRecord<>(topic(), null, record.key(), record.value(), headers));
    }
}

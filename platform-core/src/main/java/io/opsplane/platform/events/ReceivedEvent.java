package io.opsplane.platform.events;

import com.google.protobuf.Message;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * An event read from Kafka, checked against the catalogue, with its data re-printed in canonical
 * form, where it was read from, and the record as it arrived (for the dead-letter topic).
 */
public record ReceivedEvent(EventEnvelope envelope, Message payload, String topic, int partition, long offset,
        ConsumerRecord<String, byte[]> record) {
}

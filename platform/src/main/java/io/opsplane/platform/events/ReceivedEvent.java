package io.opsplane.platform.events;

import com.google.protobuf.Message;

/** An event read from Kafka, checked against the catalogue, with where it was read from. */
public record ReceivedEvent(EventEnvelope envelope, Message payload, String topic, int partition, long offset) {
}

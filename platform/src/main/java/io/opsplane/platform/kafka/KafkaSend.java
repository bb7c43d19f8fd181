package io.opsplane.platform.kafka;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * A producer send as a future that completes when the broker has acknowledged the record. The send
 * itself may block (metadata, a full buffer) up to {@code max.block.ms}: never call it on an event
 * loop.
 */
public final class KafkaSend {

    private KafkaSend() {
    }

    public static CompletableFuture<RecordMetadata> send(Producer<String, byte[]> producer,
            ProducerRecord<String, byte[]> record) {
        if (io.vertx.core.Context.isOnEventLoopThread()) {
            throw new IllegalStateException("a Kafka send may block; it must not run on an event loop");
        }
        CompletableFuture<RecordMetadata> acked = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    acked.completeExceptionally(error);
                } else {
                    acked.complete(metadata);
                }
            });
        } catch (RuntimeException e) {
            acked.completeExceptionally(e);
        }
        return acked;
    }
}

package io.opsplane.platform.kafka;

import io.smallrye.mutiny.Uni;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** A producer send as a future that completes when the broker has acknowledged the record. */
public final class KafkaSend {

    private KafkaSend() {
    }

    public static CompletableFuture<RecordMetadata> send(Producer<String, byte[]> producer,
            ProducerRecord<String, byte[]> record) {
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

    public static Uni<RecordMetadata> sendUni(Producer<String, byte[]> producer, ProducerRecord<String, byte[]> record) {
        return Uni.createFrom().completionStage(() -> send(producer, record));
    }
}

package io.opsplane.platform.kafka;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/** How many records each consumer group has not consumed yet, as the broker sees it. */
@ApplicationScoped
public class ConsumerLag {

    private static final Logger LOG = Logger.getLogger(ConsumerLag.class);

    @Inject
    KafkaClients kafka;

    /** Group id → total lag over its committed partitions; a group Kafka cannot answer for is left out. */
    public Uni<Map<String, Long>> lagByGroup(Collection<String> groups) {
        if (groups.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return Uni.createFrom().item(() -> {
            Map<String, Long> lags = new HashMap<>();
            Admin admin = kafka.sharedAdmin();
            for (String group : groups) {
                try {
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                            .partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS);
                    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                    committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
                    Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                            .get(5, TimeUnit.SECONDS);
                    long total = 0;
                    for (var entry : committed.entrySet()) {
                        if (entry.getValue() != null && ends.containsKey(entry.getKey())) {
                            total += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset());
                        }
                    }
                    lags.put(group, total);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    LOG.debugf("lag of %s unknown: %s", group, e.getMessage());
                }
            }
            return lags;
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }
}

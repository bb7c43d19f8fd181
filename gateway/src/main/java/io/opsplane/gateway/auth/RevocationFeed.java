package io.opsplane.gateway.auth;

import io.opsplane.platform.broker.KafkaLogin;
import io.opsplane.platform.events.CloudEventCodec;
import io.opsplane.platform.events.EventCatalog;
import io.opsplane.platform.events.EventEnvelope;
import io.opsplane.platform.events.PoisonEventException;
import io.opsplane.platform.events.Topics;
import io.opsplane.proto.events.v1.TokenRevoked;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Follows security-service's events and evicts a revoked token from the verification cache the moment
 * {@code TokenRevoked} arrives, on every gateway; a changed binding or a deleted role drops every
 * cached principal, whose grants may have changed. Each gateway reads every partition from the end
 * (no consumer group: every instance must see every revocation; at start its cache is empty).
 * While the feed is not live, {@link TokenAuthenticator} does not trust its cache of accepted tokens.
 */
@ApplicationScoped
public class RevocationFeed {

    private static final Logger LOG = Logger.getLogger(RevocationFeed.class);
    private static final String TOKEN_REVOKED = TokenRevoked.getDescriptor().getFullName();
    /** Events that change what accepted tokens may do: every cached principal is dropped. */
    private static final java.util.Set<String> ACCESS_CHANGES = java.util.Set.of(
            io.opsplane.proto.events.v1.BindingCreated.getDescriptor().getFullName(),
            io.opsplane.proto.events.v1.BindingDeleted.getDescriptor().getFullName(),
            io.opsplane.proto.events.v1.RoleDeleted.getDescriptor().getFullName());
    /** The feed counts as live while its last successful poll is this recent. */
    private static final Duration LIVE_WINDOW = Duration.ofSeconds(5);

    @Inject
    TokenAuthenticator authenticator;

    private final Clock clock = Clock.systemUTC();

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "kafka.security.protocol", defaultValue = "PLAINTEXT")
    String securityProtocol;

    @ConfigProperty(name = "kafka.sasl.mechanism", defaultValue = "SCRAM-SHA-512")
    String saslMechanism;

    @ConfigProperty(name = "kafka.sasl.jaas.config", defaultValue = "")
    String saslJaasConfig;

    @ConfigProperty(name = "opsplane.topics.prefix", defaultValue = "opsplane")
    String topicPrefix;

    @ConfigProperty(name = "opsplane.gateway.revocations.enabled", defaultValue = "true")
    boolean enabled;

    private volatile boolean running;
    private volatile Instant lastPoll = Instant.EPOCH;
    private Thread thread;

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("revocation feed disabled: accepted tokens are not cached");
            return;
        }
        running = true;
        thread = new Thread(this::run, "revocation-feed");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    /** Whether revocations reach this gateway now; only then may accepted tokens be cached. */
    public boolean isLive() {
        return running && clock.instant().isBefore(lastPoll.plus(LIVE_WINDOW));
    }

    private void run() {
        String topic = new Topics(topicPrefix).events("security");
        while (running) {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config(), new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(info -> new TopicPartition(topic, info.partition())).toList();
                if (partitions.isEmpty()) {
                    throw new IllegalStateException("topic " + topic + " has no partitions yet");
                }
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                while (running) {
                    Instant polled = clock.instant();
                    consumer.poll(Duration.ofSeconds(1)).forEach(this::apply);
                    // Every revocation published before the poll began has been applied now.
                    lastPoll = polled;
                }
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                return;
            } catch (RuntimeException e) {
                lastPoll = Instant.EPOCH;
                authenticator.forgetAccepted();
                LOG.warnf("revocation feed: %s; retrying in 2 s (tokens are verified on every call meanwhile)",
                        e.getMessage());
                sleep(2_000);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        try {
            EventEnvelope envelope = CloudEventCodec.fromRecord(record);
            boolean accessChange = ACCESS_CHANGES.contains(envelope.type());
            if (!TOKEN_REVOKED.equals(envelope.type()) && !accessChange) {
                return;
            }
            if (!Topics.ownerSource("security").equals(envelope.source())) {
                LOG.warnf("revocation feed: ignored %s from %s, only security-service revokes", envelope.id(),
                        envelope.source());
                return;
            }
            if (accessChange) {
                authenticator.forgetAccepted();
                return;
            }
            TokenRevoked revoked = TokenRevoked.parseFrom(EventCatalog.instance().parse(envelope).toByteString());
            authenticator.evictToken(revoked.getTokenId());
        } catch (PoisonEventException | com.google.protobuf.InvalidProtocolBufferException e) {
            LOG.warnf("revocation feed: ignored an unreadable record at %s-%d@%d: %s", record.topic(),
                    record.partition(), record.offset(), e.getMessage());
        }
    }

    private Properties config() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.putAll(new KafkaLogin(securityProtocol, saslMechanism, saslJaasConfig).clientSettings());
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "gateway-revocations");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, 30_000);
        return props;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

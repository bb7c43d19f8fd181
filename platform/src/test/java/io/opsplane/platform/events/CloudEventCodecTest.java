package io.opsplane.platform.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Message;
import io.opsplane.proto.events.v1.PipelineRegistered;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CloudEventCodecTest {

    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    private final EventCatalog catalog = EventCatalog.instance();

    private EventEnvelope sample() {
        PipelineRegistered payload = PipelineRegistered.newBuilder().setPipelineName("build").setVersion(3)
                .setSha256("ab").build();
        return catalog.envelope(payload, "opsplane/pipeline-service", "build", "corr-1", TRACEPARENT);
    }

    private static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> produced) {
        return new ConsumerRecord<>(produced.topic(), 0, 7L, 0L, TimestampType.CREATE_TIME, 0, 0, produced.key(),
                produced.value(), produced.headers(), Optional.empty());
    }

    private static ConsumerRecord<String, byte[]> mutated(Consumer<Headers> change, byte[] value) throws Exception {
        ProducerRecord<String, byte[]> produced = CloudEventCodec.toRecord("opsplane.pipeline.events",
                EventCatalog.instance().envelope(PipelineRegistered.newBuilder().setPipelineName("x").build(), "s",
                        "x", null, null));
        Headers headers = new RecordHeaders(produced.headers().toArray());
        change.accept(headers);
        return new ConsumerRecord<>(produced.topic(), 0, 1L, 0L, TimestampType.CREATE_TIME, 0, 0, produced.key(),
                value == null ? produced.value() : value, headers, Optional.empty());
    }

    @Test
    void roundTripKeepsEveryAttribute() throws Exception {
        EventEnvelope sent = sample();
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord("opsplane.pipeline.events", sent);

        assertEquals("build", record.key());
        assertEquals("1.0", new String(record.headers().lastHeader("ce_specversion").value(), StandardCharsets.UTF_8));
        assertEquals("application/json",
                new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8));

        EventEnvelope received = CloudEventCodec.fromRecord(consumed(record));
        assertEquals(sent, received);
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", received.traceId());
        Message payload = catalog.parse(received);
        assertEquals("build", payload.getField(payload.getDescriptorForType().findFieldByName("pipeline_name")));
    }

    @Test
    void dataIsTheProtoJsonMapping() {
        String json = new String(CloudEventCodec.toRecord("t", sample()).value(), StandardCharsets.UTF_8);
        assertEquals("{\"pipelineName\":\"build\",\"version\":3,\"sha256\":\"ab\"}", json);
    }

    @Test
    void typeNamesAndTopicsComeFromTheCatalogue() {
        assertEquals("opsplane.events.v1.PipelineRegistered", sample().type());
        assertEquals("opsplane.pipeline.events", catalog.topicOfType("opsplane.events.v1.PipelineRegistered"));
        assertEquals("opsplane.infra.events", catalog.topicOfType("opsplane.events.v1.ChangeApplied"));
        assertEquals("opsplane.observability.events", catalog.topicOfType("opsplane.events.v1.AlertFiring"));
        assertEquals("opsplane.healing.events", catalog.topicOfType("opsplane.events.v1.IssueDiagnosed"));
        assertEquals("opsplane.pipeline.events", catalog.topicOfType("opsplane.events.v1.PipelineStarted"));
        assertThrows(IllegalArgumentException.class, () -> catalog.topicOfType("nope"));
    }

    @Test
    void anEventNeedsASubject() {
        assertThrows(IllegalArgumentException.class, () -> catalog.envelope(PipelineRegistered.getDefaultInstance(),
                "s", " ", null, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_specversion", "ce_id", "ce_type", "ce_source", "ce_time"})
    void aMissingRequiredAttributeIsPoison(String header) {
        PoisonEventException e = assertThrows(PoisonEventException.class,
                () -> CloudEventCodec.fromRecord(mutated(h -> h.remove(header), null)));
        assertTrue(e.getMessage().contains(header), e.getMessage());
    }

    @Test
    void aWrongSpecVersionIsPoison() {
        assertThrows(PoisonEventException.class, () -> CloudEventCodec.fromRecord(mutated(h -> {
            h.remove("ce_specversion");
            h.add("ce_specversion", "0.3".getBytes(StandardCharsets.UTF_8));
        }, null)));
    }

    @Test
    void aBadTimeIsPoison() {
        assertThrows(PoisonEventException.class, () -> CloudEventCodec.fromRecord(mutated(h -> {
            h.remove("ce_time");
            h.add("ce_time", "yesterday".getBytes(StandardCharsets.UTF_8));
        }, null)));
    }

    @Test
    void nonUtf8DataIsPoison() {
        assertThrows(PoisonEventException.class,
                () -> CloudEventCodec.fromRecord(mutated(h -> { }, new byte[] {(byte) 0xc3, (byte) 0x28})));
    }

    @Test
    void anUnknownTypeIsPoisonAtParse() throws Exception {
        EventEnvelope envelope = CloudEventCodec.fromRecord(mutated(h -> {
            h.remove("ce_type");
            h.add("ce_type", "com.example.Unknown".getBytes(StandardCharsets.UTF_8));
        }, null));
        PoisonEventException e = assertThrows(PoisonEventException.class, () -> catalog.parse(envelope));
        assertTrue(e.getMessage().contains("unknown event type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1,2]", "{\"version\":\"many\"}", "{\"pipelineName\":"})
    void undecodableDataIsPoisonAtParse(String data) throws Exception {
        EventEnvelope envelope = CloudEventCodec.fromRecord(mutated(h -> { },
                data.getBytes(StandardCharsets.UTF_8)));
        assertThrows(PoisonEventException.class, () -> catalog.parse(envelope));
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() throws Exception {
        EventEnvelope envelope = CloudEventCodec.fromRecord(mutated(h -> { },
                "{\"pipelineName\":\"a\",\"addedLater\":1}".getBytes(StandardCharsets.UTF_8)));
        Message payload = catalog.parse(envelope);
        assertEquals("a", payload.getField(payload.getDescriptorForType().findFieldByName("pipeline_name")));
    }

    @Test
    void anInvalidTraceparentIsDroppedNotFatal() throws Exception {
        EventEnvelope envelope = CloudEventCodec.fromRecord(mutated(h -> {
            h.remove("traceparent");
            h.add("traceparent", "garbage".getBytes(StandardCharsets.UTF_8));
        }, null));
        assertNull(envelope.traceparent());
        assertNull(envelope.traceId());
    }

    @Test
    void oversizedHeadersArePoison() {
        assertThrows(PoisonEventException.class, () -> CloudEventCodec.fromRecord(mutated(h -> {
            h.remove("ce_source");
            h.add("ce_source", "x".repeat(5000).getBytes(StandardCharsets.UTF_8));
        }, null)));
    }

    @Test
    void theKeyStandsInForAMissingSubject() throws Exception {
        EventEnvelope envelope = CloudEventCodec.fromRecord(mutated(h -> h.remove("ce_subject"), null));
        assertEquals("x", envelope.subject());
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"ce_id,65", "ce_type,256", "ce_source,256", "ce_subject,256",
        "ce_correlationid,129"})
    void attributesLongerThanTheirColumnsArePoison(String header, int length) {
        PoisonEventException e = assertThrows(PoisonEventException.class, () -> CloudEventCodec.fromRecord(mutated(h -> {
            h.remove(header);
            h.add(header, "x".repeat(length).getBytes(StandardCharsets.UTF_8));
        }, null)));
        assertTrue(e.getMessage().contains(header), e.getMessage());
    }
}

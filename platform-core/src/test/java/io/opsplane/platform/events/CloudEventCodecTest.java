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
        assertEquals("pipeline", catalog.domainOfType("opsplane.events.v1.PipelineRegistered"));
        assertEquals("infra", catalog.domainOfType("opsplane.events.v1.ChangeApplied"));
        assertEquals("observability", catalog.domainOfType("opsplane.events.v1.AlertFiring"));
        assertEquals("healing", catalog.domainOfType("opsplane.events.v1.IssueDiagnosed"));
        assertEquals("pipeline", catalog.domainOfType("opsplane.events.v1.PipelineStarted"));
        assertEquals("opsplane.pipeline.events", Topics.DEFAULT.events("pipeline"));
        assertEquals("test-1.opsplane.infra.dead-letter", new Topics("test-1.opsplane").deadLetter("infra"));
        assertEquals(java.util.Optional.of("infra"), new Topics("t.opsplane").domainOfEvents("t.opsplane.infra.events"));
        assertEquals(java.util.Optional.empty(), Topics.DEFAULT.domainOfEvents("opsplane.nope.events"));
        assertThrows(IllegalArgumentException.class, () -> catalog.domainOfType("nope"));
        assertThrows(IllegalArgumentException.class, () -> new Topics("Bad Prefix"));
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

    @ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"ce_id,a\\0b", "ce_subject,x\\0", "ce_source,s\\7",
        "ce_type,t\\33[31m", "ce_correlationid,c\\nforged-line", "ce_subject,x\\205"})
    void controlCharactersInAttributesArePoison(String header, String escaped) {
        String value = escaped.translateEscapes();
        PoisonEventException e = assertThrows(PoisonEventException.class, () -> CloudEventCodec.fromRecord(mutated(h -> {
            h.remove(header);
            h.add(header, value.getBytes(StandardCharsets.UTF_8));
        }, null)));
        assertTrue(e.getMessage().contains(header) && e.getMessage().contains("control character"), e.getMessage());
    }

    @Test
    void aHeaderThatIsNotUtf8IsPoison() {
        PoisonEventException e = assertThrows(PoisonEventException.class, () -> CloudEventCodec.fromRecord(mutated(h -> {
            h.remove("ce_source");
            h.add("ce_source", new byte[] {(byte) 0xff, (byte) 0xfe});
        }, null)));
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
    }

    @Test
    void aSubjectThatDiffersFromTheKeyIsPoison() {
        PoisonEventException e = assertThrows(PoisonEventException.class, () -> CloudEventCodec.fromRecord(mutated(h -> {
            h.remove("ce_subject");
            h.add("ce_subject", "someone-else".getBytes(StandardCharsets.UTF_8));
        }, null)));
        assertTrue(e.getMessage().contains("differ"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"pipelineName\":\"inj\"}}],\"nextCursor\":\"evil\"",
        "{\"pipelineName\":\"a\"} {\"pipelineName\":\"b\"}",
        "{\"pipelineName\":\"a\",\"pipelineName\":\"b\"}",
        "{'pipelineName':'a'}",
        "{\"pipelineName\":\"a\"}x",
        "\"just a string\"",
        "{\"pipelineName\":\"a\",}"})
    void dataMustBeExactlyOneStrictJsonObject(String data) throws Exception {
        EventEnvelope envelope = CloudEventCodec.fromRecord(mutated(h -> { },
                data.getBytes(StandardCharsets.UTF_8)));
        PoisonEventException e = assertThrows(PoisonEventException.class, () -> catalog.parse(envelope));
        assertTrue(e.getMessage().startsWith("data is not a valid opsplane.events.v1.PipelineRegistered"),
                e.getMessage());
    }

    @Test
    void dataIsStoredReprintedFromTheParsedMessageNeverAsSent() throws Exception {
        EventEnvelope envelope = CloudEventCodec.fromRecord(mutated(h -> { },
                "{ \"version\" : 2 , \"pipelineName\":\"a\\u0000b\", \"addedLater\": [1] }"
                        .getBytes(StandardCharsets.UTF_8)));
        EventEnvelope canonical = catalog.canonical(envelope, catalog.parse(envelope));
        assertEquals("{\"pipelineName\":\"a\\u0000b\",\"version\":2}", canonical.dataJson());
        assertEquals(envelope.id(), canonical.id());
    }

    @Test
    void deeplyNestedDataIsPoison() throws Exception {
        String deep = "{\"a\":".repeat(40) + "1" + "}".repeat(40);
        EventEnvelope envelope = CloudEventCodec.fromRecord(mutated(h -> { }, deep.getBytes(StandardCharsets.UTF_8)));
        assertThrows(PoisonEventException.class, () -> catalog.parse(envelope));
    }
}

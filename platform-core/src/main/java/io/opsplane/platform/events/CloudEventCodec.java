package io.opsplane.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * CloudEvents 1.0 Kafka protocol binding, binary content mode: attributes travel as {@code ce_*}
 * headers, the record value is the event data (JSON), the record key is the subject.
 */
public final class CloudEventCodec {

    public static final String SPEC_VERSION = "1.0";
    public static final String CONTENT_TYPE = "application/json";
    public static final String H_SPECVERSION = "ce_specversion";
    public static final String H_ID = "ce_id";
    public static final String H_TYPE = "ce_type";
    public static final String H_SOURCE = "ce_source";
    public static final String H_SUBJECT = "ce_subject";
    public static final String H_TIME = "ce_time";
    /** CloudEvents extension: extension names are lowercase letters and digits only. */
    public static final String H_CORRELATION_ID = "ce_correlationid";
    public static final String H_CONTENT_TYPE = "content-type";
    /** W3C trace context, as every OpenTelemetry Kafka instrumentation reads it. */
    public static final String H_TRACEPARENT = "traceparent";

    private static final int MAX_ATTRIBUTE_LENGTH = 1024;
    /** What the outbox, inbox and timeline columns hold; a longer attribute could never be stored. */
    public static final int MAX_ID_LENGTH = 64;
    public static final int MAX_NAME_LENGTH = 255;
    public static final int MAX_CORRELATION_ID_LENGTH = 128;

    private CloudEventCodec() {
    }

    public static ProducerRecord<String, byte[]> toRecord(String topic, EventEnvelope event) {
        Headers headers = new RecordHeaders();
        put(headers, H_SPECVERSION, SPEC_VERSION);
        put(headers, H_ID, event.id());
        put(headers, H_TYPE, event.type());
        put(headers, H_SOURCE, event.source());
        put(headers, H_SUBJECT, event.subject());
        put(headers, H_TIME, event.time().toString());
        put(headers, H_CONTENT_TYPE, CONTENT_TYPE);
        if (event.correlationId() != null) {
            put(headers, H_CORRELATION_ID, event.correlationId());
        }
        if (event.traceparent() != null) {
            put(headers, H_TRACEPARENT, event.traceparent());
        }
        return new ProducerRecord<>(topic, null, event.subject(),
                event.dataJson().getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Reads the envelope of a record; a poison event when the record is not a valid CloudEvent. */
    public static EventEnvelope fromRecord(ConsumerRecord<String, byte[]> record) throws PoisonEventException {
        String specVersion = header(record.headers(), H_SPECVERSION);
        if (specVersion == null) {
            throw new PoisonEventException("not a CloudEvent: header " + H_SPECVERSION + " is missing");
        }
        if (!SPEC_VERSION.equals(specVersion)) {
            throw new PoisonEventException("unsupported CloudEvents specversion '" + specVersion + "'");
        }
        String id = storable(H_ID, required(record.headers(), H_ID), MAX_ID_LENGTH);
        String type = storable(H_TYPE, required(record.headers(), H_TYPE), MAX_NAME_LENGTH);
        String source = storable(H_SOURCE, required(record.headers(), H_SOURCE), MAX_NAME_LENGTH);
        String subject = header(record.headers(), H_SUBJECT);
        if (subject == null) {
            subject = record.key();
        }
        if (subject == null || subject.isEmpty()) {
            throw new PoisonEventException("event " + id + " has neither " + H_SUBJECT + " nor a key");
        }
        storable(H_SUBJECT, subject, MAX_NAME_LENGTH);
        if (record.key() != null && !record.key().equals(subject)) {
            // The key places the event on its aggregate's partition; another key breaks that order.
            throw new PoisonEventException("event " + id + ": " + H_SUBJECT + " and the record key differ");
        }
        String correlationId = storable(H_CORRELATION_ID, header(record.headers(), H_CORRELATION_ID),
                MAX_CORRELATION_ID_LENGTH);
        String contentType = header(record.headers(), H_CONTENT_TYPE);
        if (contentType != null && !contentType.startsWith(CONTENT_TYPE)) {
            throw new PoisonEventException("unsupported content-type '" + contentType + "'");
        }
        Instant time = parseTime(id, header(record.headers(), H_TIME));
        if (record.value() == null) {
            throw new PoisonEventException("event " + id + " has no data");
        }
        String data = decodeUtf8(id, record.value());
        String traceparent = header(record.headers(), H_TRACEPARENT);
        if (traceparent != null && !TraceparentFormat.isValid(traceparent)) {
            traceparent = null;
        }
        return new EventEnvelope(id, type, source, subject, time, correlationId, traceparent, data);
    }

    private static Instant parseTime(String id, String time) throws PoisonEventException {
        if (time == null) {
            throw new PoisonEventException("event " + id + " has no " + H_TIME);
        }
        try {
            return java.time.OffsetDateTime.parse(time).toInstant();
        } catch (DateTimeParseException e) {
            throw new PoisonEventException("event " + id + " has an invalid " + H_TIME + " '" + time + "'");
        }
    }

    private static String decodeUtf8(String id, byte[] bytes) throws PoisonEventException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new PoisonEventException("event " + id + " data is not UTF-8");
        }
    }

    /**
     * An attribute as the outbox, inbox and timeline columns can hold it: at most {@code max}
     * characters and no control character (PostgreSQL refuses U+0000 in text; the others would reach
     * logs and API answers).
     */
    private static String storable(String name, String value, int max) throws PoisonEventException {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw new PoisonEventException(name + " is longer than " + max + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new PoisonEventException(name + " contains the control character U+"
                        + String.format("%04X", (int) value.charAt(i)));
            }
        }
        return value;
    }

    private static String required(Headers headers, String name) throws PoisonEventException {
        String value = header(headers, name);
        if (value == null || value.isBlank()) {
            throw new PoisonEventException("not a CloudEvent: header " + name + " is missing");
        }
        return value;
    }

    static String header(Headers headers, String name) throws PoisonEventException {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        if (header.value().length > MAX_ATTRIBUTE_LENGTH) {
            throw new PoisonEventException("header " + name + " is longer than " + MAX_ATTRIBUTE_LENGTH + " bytes");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(header.value())).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new PoisonEventException("header " + name + " is not UTF-8");
        }
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}

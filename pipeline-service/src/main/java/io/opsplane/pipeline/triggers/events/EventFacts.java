package io.opsplane.pipeline.triggers.events;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import java.util.Optional;

/** What an event trigger can look at in one event: its CloudEvents attributes and its data, read once. */
public final class EventFacts {

    private final String source;
    private final String subject;
    private final Value data;

    public EventFacts(String source, String subject, String dataJson) {
        this.source = source == null ? "" : source;
        this.subject = subject == null ? "" : subject;
        Value parsed = null;
        if (dataJson != null && !dataJson.isBlank()) {
            Value.Builder builder = Value.newBuilder();
            try {
                JsonFormat.parser().merge(dataJson, builder);
                parsed = builder.build();
            } catch (InvalidProtocolBufferException | RuntimeException e) {
                // Data that is not JSON has no fields to look at.
            }
        }
        this.data = parsed;
    }

    /** The value of {@code field} as text (a string as it is, anything else as JSON), or empty when absent. */
    public Optional<String> value(String field) {
        if (field.equals("subject")) {
            return Optional.of(subject);
        }
        if (field.equals("source")) {
            return Optional.of(source);
        }
        Value at = data;
        for (String step : field.substring("data.".length()).split("\\.")) {
            if (at == null) {
                return Optional.empty();
            }
            if (at.hasStructValue()) {
                at = at.getStructValue().getFieldsMap().get(step);
            } else if (at.hasListValue() && step.chars().allMatch(Character::isDigit) && step.length() < 6) {
                int index = Integer.parseInt(step);
                at = index < at.getListValue().getValuesCount() ? at.getListValue().getValues(index) : null;
            } else {
                return Optional.empty();
            }
        }
        if (at == null || at.hasNullValue()) {
            return Optional.empty();
        }
        return Optional.of(text(at));
    }

    /** A string as it is; a whole number without a fraction; anything else as compact JSON. */
    private static String text(Value value) {
        if (value.hasStringValue()) {
            return value.getStringValue();
        }
        if (value.hasBoolValue()) {
            return String.valueOf(value.getBoolValue());
        }
        if (value.hasNumberValue()) {
            double number = value.getNumberValue();
            return number == Math.rint(number) && Math.abs(number) < 1e15 ? String.valueOf((long) number)
                    : String.valueOf(number);
        }
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(value);
        } catch (InvalidProtocolBufferException e) {
            return "";
        }
    }
}

package io.opsplane.pipeline.triggers;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.opsplane.proto.pipeline.v1.EventFilter;
import io.opsplane.proto.pipeline.v1.EventTrigger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON columns of schedules, triggers and firings: variables (an object of strings) and filters. */
final class TriggerJson {

    private TriggerJson() {
    }

    static String variables(Map<String, String> variables) {
        Struct.Builder struct = Struct.newBuilder();
        variables.forEach((name, value) -> struct.putFields(name, Value.newBuilder().setStringValue(value).build()));
        return print(struct.build());
    }

    static Map<String, String> variables(String json) {
        Struct.Builder struct = Struct.newBuilder();
        parse(json, struct);
        Map<String, String> variables = new LinkedHashMap<>();
        struct.getFieldsMap().forEach((name, value) -> variables.put(name, value.getStringValue()));
        return variables;
    }

    static String filters(List<EventFilter> filters) {
        return print(EventTrigger.newBuilder().addAllFilters(filters).build());
    }

    static List<EventFilter> filters(String json) {
        EventTrigger.Builder holder = EventTrigger.newBuilder();
        parse(json, holder);
        return holder.getFiltersList();
    }

    private static String print(com.google.protobuf.MessageOrBuilder message) {
        try {
            return JsonFormat.printer().omittingInsignificantWhitespace().print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void parse(String json, com.google.protobuf.Message.Builder builder) {
        try {
            JsonFormat.parser().ignoringUnknownFields().merge(json, builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored JSON is not readable: " + e.getMessage(), e);
        }
    }
}

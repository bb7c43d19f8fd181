package io.opsplane.gateway.rest;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;

/**
 * REST bodies that are the proto JSON mapping of a gRPC message (lowerCamelCase field names, enums by name,
 * 64-bit integers as strings), as event data on Kafka already is: one contract, many doors.
 */
final class ProtoJson {

    private static final JsonFormat.Parser PARSER = JsonFormat.parser();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    private ProtoJson() {
    }

    /** Merges {@code body} into {@code builder}; a body that is not such JSON (or names an unknown field) is a 400. */
    static <B extends Message.Builder> B parse(String body, B builder) {
        if (body == null || body.isBlank()) {
            return builder;
        }
        try {
            PARSER.merge(body, builder);
            return builder;
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            throw new IllegalArgumentException("the body is not a JSON " + builder.getDescriptorForType().getName()
                    + ": " + io.opsplane.platform.text.PrintableText.of(e.getMessage(), 300));
        }
    }

    static String print(MessageOrBuilder message) {
        try {
            return PRINTER.print(message);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(e);
        }
    }
}

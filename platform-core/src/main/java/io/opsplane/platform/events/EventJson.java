package io.opsplane.platform.events;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;

/**
 * The strict gate event data passes before protobuf reads it: exactly one JSON object, nothing after
 * it, no duplicate keys, bounded nesting and sizes. (The protobuf JSON reader alone ignores what
 * follows the first value and keeps the last of duplicate keys.)
 */
final class EventJson {

    static final int MAX_DEPTH = 32;
    static final int MAX_STRING_LENGTH = 1 << 20;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH).maxNumberLength(64).build())
            .build();

    private EventJson() {
    }

    /** Returns normally when {@code json} is one well-formed object; otherwise says where and why. */
    static void requireSingleObject(String json) throws PoisonEventException {
        try (JsonParser parser = FACTORY.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new PoisonEventException("data is not a JSON object");
            }
            parser.skipChildren();
            JsonToken after = parser.nextToken();
            if (after != null) {
                throw new PoisonEventException("data has content after its JSON object, at column "
                        + parser.currentLocation().getColumnNr());
            }
        } catch (JsonProcessingException e) {
            throw new PoisonEventException("data is not well-formed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            throw new PoisonEventException("data cannot be read: " + e.getMessage());
        }
    }
}

package io.opsplane.security.jwt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON object into plain Java values: {@code Map<String, Object>}, {@code List<Object>},
 * {@code String}, {@code BigDecimal}, {@code Boolean} and {@code null}. Strict where tokens and key
 * sets need it: UTF-8 only, exactly one object, no duplicate keys (two parsers could otherwise read
 * two different claims from one signed text), bounded nesting and sizes.
 */
final class StrictJson {

    static final int MAX_DEPTH = 16;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxNumberLength(64).maxStringLength(1 << 20).build())
            .build();

    private StrictJson() {
    }

    /** Why a text is not a JSON object this reader accepts. */
    static final class MalformedJsonException extends Exception {

        private static final long serialVersionUID = 1L;

        private final boolean duplicateKey;

        MalformedJsonException(String message, boolean duplicateKey) {
            super(message, null, false, false);
            this.duplicateKey = duplicateKey;
        }

        boolean duplicateKey() {
            return duplicateKey;
        }
    }

    static Map<String, Object> parseObject(byte[] utf8) throws MalformedJsonException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedJsonException("not UTF-8", false);
        }
        return parseObject(text);
    }

    static Map<String, Object> parseObject(String text) throws MalformedJsonException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedJsonException("not a JSON object", false);
            }
            Map<String, Object> object = readObject(parser);
            if (parser.nextToken() != null) {
                throw new MalformedJsonException("content after the JSON object", false);
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new MalformedJsonException("not well-formed JSON: " + e.getOriginalMessage(), false);
        } catch (IOException e) {
            throw new MalformedJsonException("unreadable JSON: " + e.getMessage(), false);
        }
    }

    private static Map<String, Object> readObject(JsonParser parser) throws IOException, MalformedJsonException {
        Map<String, Object> object = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String name = parser.currentName();
            parser.nextToken();
            if (object.containsKey(name)) {
                throw new MalformedJsonException("duplicate key " + LogText.quote(name), true);
            }
            object.put(name, readValue(parser));
        }
        return Collections.unmodifiableMap(object);
    }

    private static List<Object> readArray(JsonParser parser) throws IOException, MalformedJsonException {
        List<Object> array = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            array.add(readValue(parser));
        }
        return Collections.unmodifiableList(array);
    }

    private static Object readValue(JsonParser parser) throws IOException, MalformedJsonException {
        JsonToken token = parser.currentToken();
        return switch (token) {
            case START_OBJECT -> readObject(parser);
            case START_ARRAY -> readArray(parser);
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> new BigDecimal(parser.getBigIntegerValue());
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            default -> throw new MalformedJsonException("unexpected " + token, false);
        };
    }
}

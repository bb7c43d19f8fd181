package io.opsplane.gateway.rest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

/**
 * Event data as the API serves it: one JSON object parsed strictly from what the timeline holds. Data
 * that does not parse (it never should: the timeline stores re-printed JSON) is served as an object
 * that says so, and logged, rather than passed through.
 */
final class EventData {

    private static final Logger LOG = Logger.getLogger(EventData.class);
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(JsonParser.Feature.ALLOW_COMMENTS)
            .build();

    private EventData() {
    }

    static JsonNode parse(String json) {
        try {
            JsonNode node = STRICT.readTree(json);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (JsonProcessingException e) {
            // answered below
        }
        LOG.warnf("timeline data that is not one JSON object was withheld (%d characters)", json.length());
        ObjectNode withheld = JsonNodeFactory.instance.objectNode();
        withheld.put("unreadable", true);
        return withheld;
    }
}

package io.opsplane.observability.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The body of a Prometheus HTTP service discovery answer: a JSON list of {@code {"targets": [...],
 * "labels": {...}}} (https://prometheus.io/docs/prometheus/latest/http_sd/).
 */
public final class DiscoveryDocument {

    private static final JsonFactory JSON = new JsonFactory();

    private DiscoveryDocument() {
    }

    public static String json(List<ScrapeTargets.TargetGroup> groups) {
        StringWriter out = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartArray();
            for (ScrapeTargets.TargetGroup group : groups) {
                json.writeStartObject();
                json.writeArrayFieldStart("targets");
                for (String target : group.targets()) {
                    json.writeString(target);
                }
                json.writeEndArray();
                json.writeObjectFieldStart("labels");
                for (Map.Entry<String, String> label : group.labels().entrySet()) {
                    json.writeStringField(label.getKey(), label.getValue());
                }
                json.writeEndObject();
                json.writeEndObject();
            }
            json.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}

package io.opsplane.observability.discovery;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Prometheus HTTP service discovery document ({@code [{"targets": ["host:port", ...], "labels": {...}}, ...]})
 * read for a user's job: every address must pass the job's address rules, labels named {@code __meta_*} are dropped
 * (they only feed relabelling, which user jobs do not have), and any other label must be one a job may carry. A
 * document that breaks a rule is refused whole, naming the group, so the last good one stays in force.
 */
public final class HttpSdDocument {

    /** The most targets one job may discover. */
    public static final int MAX_TARGETS = 1000;
    private static final JsonFactory JSON = new JsonFactory();

    /** One group as discovered: its addresses and its own labels. */
    public record Group(List<String> targets, Map<String, String> labels) {
        public Group {
            targets = List.copyOf(targets);
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }
    }

    private HttpSdDocument() {
    }

    /**
     * The groups of {@code json}; groups without targets are kept out.
     *
     * @param scheme the job's scheme, for the address checks
     * @throws InvalidScrapeTargetException naming what is wrong and where
     */
    public static List<Group> parse(byte[] json, String scheme) {
        List<Group> groups = new ArrayList<>();
        int targets = 0;
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new InvalidScrapeTargetException("the discovery document is not a JSON list of target groups");
            }
            for (int index = 0; parser.nextToken() != JsonToken.END_ARRAY; index++) {
                String where = "group " + index;
                if (parser.currentToken() != JsonToken.START_OBJECT) {
                    throw new InvalidScrapeTargetException(where + " is not an object with targets and labels");
                }
                List<String> addresses = new ArrayList<>();
                Map<String, String> labels = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    JsonToken value = parser.nextToken();
                    switch (field) {
                        case "targets" -> {
                            if (value != JsonToken.START_ARRAY) {
                                throw new InvalidScrapeTargetException(where + ": targets is not a list");
                            }
                            while (parser.nextToken() != JsonToken.END_ARRAY) {
                                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                                    throw new InvalidScrapeTargetException(where + ": a target is not a string");
                                }
                                if (++targets > MAX_TARGETS) {
                                    throw new InvalidScrapeTargetException("the discovery document lists more than "
                                            + MAX_TARGETS + " targets");
                                }
                                String address = parser.getText();
                                UserScrapeTargets.checkDiscoveredAddress(where + " targets[" + addresses.size() + "]",
                                        address, scheme);
                                addresses.add(address);
                            }
                        }
                        case "labels" -> {
                            if (value == JsonToken.VALUE_NULL) {
                                continue;
                            }
                            if (value != JsonToken.START_OBJECT) {
                                throw new InvalidScrapeTargetException(where + ": labels is not an object");
                            }
                            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                                String label = parser.currentName();
                                if (parser.nextToken() != JsonToken.VALUE_STRING) {
                                    throw new InvalidScrapeTargetException(where + ": label " + label
                                            + " is not a string");
                                }
                                if (!label.startsWith("__meta_")) {
                                    UserScrapeTargets.checkDiscoveredLabel(where, label, parser.getText());
                                    labels.put(label, parser.getText());
                                }
                            }
                        }
                        default -> parser.skipChildren();
                    }
                }
                if (labels.size() > UserScrapeTargets.MAX_LABELS) {
                    throw new InvalidScrapeTargetException(where + ": more than " + UserScrapeTargets.MAX_LABELS
                            + " labels");
                }
                if (!addresses.isEmpty()) {
                    groups.add(new Group(addresses, labels));
                }
            }
            if (parser.nextToken() != null) {
                throw new InvalidScrapeTargetException("the discovery document goes on after its list");
            }
        } catch (JsonProcessingException e) {
            throw new InvalidScrapeTargetException("the discovery document is not JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidScrapeTargetException("the discovery document cannot be read: " + e.getMessage());
        }
        return groups;
    }
}

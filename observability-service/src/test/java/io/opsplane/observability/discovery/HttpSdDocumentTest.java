package io.opsplane.observability.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpSdDocumentTest {

    private static List<HttpSdDocument.Group> parse(String json) {
        return HttpSdDocument.parse(json.getBytes(StandardCharsets.UTF_8), "http");
    }

    @Test
    void groupsAreReadWithTheirLabelsAndMetaLabelsDropped() {
        assertEquals(List.of(
                new HttpSdDocument.Group(List.of("10.0.0.1:9100", "node.internal:9100"), Map.of("rack", "r1")),
                new HttpSdDocument.Group(List.of("[::1]:9100"), Map.of())),
                parse("""
                        [{"targets": ["10.0.0.1:9100", "node.internal:9100"],
                          "labels": {"rack": "r1", "__meta_consul_dc": "east"}, "extra": {"ignored": [1]}},
                         {"targets": ["[::1]:9100"]},
                         {"targets": [], "labels": {"no": "targets"}},
                         {"targets": ["10.0.0.2:9100"], "labels": null}]
                        """).subList(0, 2));
        assertEquals(List.of(), parse("[]"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {}                                                          | not a JSON list
            [1]                                                         | group 0 is not an object
            [{"targets": "10.0.0.1:9100"}]                              | group 0: targets is not a list
            [{"targets": [1]}]                                          | group 0: a target is not a string
            [{"targets": ["10.0.0.1:9100"]}, {"targets": ["169.254.169.254:80"]}] | group 1 targets[0] '169.254.169.254:80' may not be scraped
            [{"targets": ["10.0.0.1"]}]                                 | group 0 targets[0] '10.0.0.1' must be host:port
            [{"targets": ["10.0.0.1:9100"], "labels": {"job": "x"}}]    | group 0: labels 'job' is set by the platform
            [{"targets": ["10.0.0.1:9100"], "labels": {"__address__": "x"}}] | group 0: labels '__address__' is set by the platform
            [{"targets": ["10.0.0.1:9100"], "labels": {"a": 1}}]        | group 0: label a is not a string
            [{"targets": ["10.0.0.1:9100"], "labels": []}]              | group 0: labels is not an object
            [{"targets": ["10.0.0.1:9100"]}] []                         | goes on after its list
            [{"targets": ["10.0.0.1:9100"]                              | not JSON
            """)
    void aDocumentThatBreaksARuleIsRefusedWholeNamingWhere(String json, String expected) {
        InvalidScrapeTargetException refused = assertThrows(InvalidScrapeTargetException.class, () -> parse(json));
        assertTrue(refused.getMessage().contains(expected), refused.getMessage());
    }

    @Test
    void atMostAThousandTargets() {
        StringBuilder json = new StringBuilder("[{\"targets\": [");
        for (int i = 0; i <= HttpSdDocument.MAX_TARGETS; i++) {
            json.append(i == 0 ? "" : ",").append("\"10.0.").append(i / 250).append('.').append(i % 250 + 1)
                    .append(":9100\"");
        }
        json.append("]}]");
        assertTrue(assertThrows(InvalidScrapeTargetException.class, () -> parse(json.toString())).getMessage()
                .contains("more than 1000 targets"));
    }

    @Test
    void aLabelValueWithAControlCharacterIsRefused() {
        assertTrue(assertThrows(InvalidScrapeTargetException.class, () -> parse(
                "[{\"targets\": [\"10.0.0.1:9100\"], \"labels\": {\"a\": \"x\\u0000y\"}}]")).getMessage()
                .contains("labels.a"));
    }
}

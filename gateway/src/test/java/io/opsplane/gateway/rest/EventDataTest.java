package io.opsplane.gateway.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.opsplane.proto.observability.v1.TimelineEntry;
import io.opsplane.proto.observability.v1.TimelinePage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventDataTest {

    private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());

    @Test
    void wellFormedDataIsServedAsJson() {
        JsonNode data = EventData.parse("{\"pipelineName\":\"web\",\"version\":2}");
        assertEquals("web", data.get("pipelineName").asText());
        assertEquals(2, data.get("version").asInt());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"pipelineName\":\"inj\"}}],\"nextCursor\":\"evil\"", "{\"a\":1} {\"b\":2}",
        "{\"a\":1,\"a\":2}", "[1]", "\"text\"", "", "{/*c*/\"a\":1}"})
    void dataThatIsNotOneObjectIsWithheld(String stored) {
        JsonNode data = EventData.parse(stored);
        assertTrue(data.get("unreadable").asBoolean());
        assertEquals(1, data.size());
    }

    @Test
    void aPageWithInjectedDataStaysOneDocumentWithoutAForgedCursor() throws Exception {
        TimelinePage page = TimelinePage.newBuilder().addEntries(TimelineEntry.newBuilder().setEventId("e1")
                .setType("opsplane.events.v1.PipelineRegistered").setSubject("inj")
                .setDataJson("{\"pipelineName\":\"inj\"}}],\"nextCursor\":\"evil\"")).build();
        String body = mapper.writeValueAsString(Views.EventPage.of(page));
        JsonNode parsed = mapper.readTree(body);
        assertFalse(parsed.has("nextCursor"), body);
        assertEquals(1, parsed.get("events").size());
        assertTrue(parsed.get("events").get(0).get("data").get("unreadable").asBoolean());
    }
}

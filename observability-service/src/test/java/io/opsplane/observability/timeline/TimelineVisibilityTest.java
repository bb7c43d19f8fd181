package io.opsplane.observability.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opsplane.platform.access.Authority;
import io.opsplane.platform.access.Grant;
import io.opsplane.platform.access.Scope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TimelineVisibilityTest {

    private static Authority readerAt(String... scopes) {
        return new Authority(List.of(scopes).stream()
                .map(scope -> new Grant("viewer", Scope.parse(scope), Set.of("events:read"), "token")).toList());
    }

    @ParameterizedTest(name = "{0} reading {1} of {2}: {3}")
    @CsvSource({
            "global, opsplane.events.v1.PipelineRegistered, web, true",
            "global, opsplane.events.v1.AuditRecorded, alice, true",
            "global, opsplane.events.v1.ChangeApplied, stack-a, true",
            "pipeline:web, opsplane.events.v1.PipelineRegistered, web, true",
            "pipeline:web, opsplane.events.v1.PipelineStarted, web, true",
            "pipeline:web, opsplane.events.v1.PipelineRegistered, billing, false",
            "pipeline:web-*, opsplane.events.v1.PipelineRegistered, web-api, true",
            "pipeline:web, opsplane.events.v1.AuditRecorded, web, false",
            "pipeline:web, opsplane.events.v1.ChangeApplied, web, false",
            "pipeline:web, opsplane.events.v1.TokenIssued, web, false",
            "environment:prod, opsplane.events.v1.PipelineRegistered, prod, false",
            "pipeline:web, opsplane.events.v1.NoSuchEvent, web, false",
    })
    void eachEventIsShownByTheObjectItConcerns(String scope, String type, String subject, boolean shown) {
        assertEquals(shown, TimelineVisibility.allows(readerAt(scope), type, subject));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "global | 1 = 1",
            "environment:prod | 1 = 0",
            "pipeline:web | (eventType in :visibleTypes and (subject like :visible0 escape '\\'))",
    })
    void theConditionSelectsOnlyVisibleRows(String scope, String where) {
        assertEquals(where, TimelineVisibility.of(readerAt(scope)).where());
    }

    @org.junit.jupiter.api.Test
    void patternsAreLikePatternsAndTheTypesArePipelineTypes() {
        TimelineVisibility visibility = TimelineVisibility.of(readerAt("pipeline:web_*", "pipeline:api"));
        Map<String, Object> parameters = visibility.parameters();

        assertEquals("web\\_%", parameters.get("visible0"));
        assertEquals("api", parameters.get("visible1"));
        @SuppressWarnings("unchecked")
        List<String> types = (List<String>) parameters.get("visibleTypes");
        assertEquals(true, types.contains("opsplane.events.v1.PipelineRegistered"));
        assertEquals(false, types.contains("opsplane.events.v1.AuditRecorded"));
    }
}

package io.opsplane.platform.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScopeTest {

    @ParameterizedTest(name = "{0} reaches {1}: {2}")
    @CsvSource({
            "global, pipeline:web, true",
            "global, '', true",
            "pipeline:web, pipeline:web, true",
            "pipeline:web, pipeline:billing, false",
            "pipeline:web, '', false",
            "pipeline:web-*, pipeline:web-frontend, true",
            "pipeline:web-*, pipeline:web, false",
            "pipeline:*, pipeline:anything, true",
            "pipeline:*-api, pipeline:billing-api, true",
            "pipeline:*-api, pipeline:billing-apix, false",
            "environment:prod*, environment:production, true",
            "environment:prod, application:prod, false",
            "project:shop, pipeline:web in project:shop, true",
            "project:shop, pipeline:web in project:bank, false",
            "project:sh*, pipeline:web in project:shop, true",
            "environment:staging, application:web in environment:staging, true",
            "application:web, application:web in environment:prod, true",
            "environment:prod, application:web in environment:staging, false",
    })
    void aScopeReachesTheObjectOrWhatContainsIt(String scope, String resource, boolean reaches) {
        assertEquals(reaches, Scope.parse(scope).matches(resourceOf(resource)));
    }

    @ParameterizedTest(name = "{0} covers {1}: {2}")
    @CsvSource({
            "global, global, true",
            "global, pipeline:web, true",
            "pipeline:web, global, false",
            "pipeline:*, pipeline:web, true",
            "pipeline:*, pipeline:web-*, true",
            "pipeline:web-*, pipeline:web-a, true",
            "pipeline:web-*, pipeline:web-*, true",
            "pipeline:web-*, pipeline:web-a*, true",
            "pipeline:web-*, pipeline:*, false",
            "pipeline:web, pipeline:web-*, false",
            "pipeline:web, pipeline:web, true",
            "pipeline:web, environment:web, false",
            "project:shop, pipeline:web, false",
            "pipeline:*-api, pipeline:x-api, true",
            "pipeline:*-api, pipeline:x-*, false",
    })
    void coveringIsConservative(String outer, String inner, boolean covers) {
        assertEquals(covers, Scope.parse(outer).covers(Scope.parse(inner)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pipeline", "cluster:x", "pipeline:", "pipeline:-x", "pipeline:a b", "pipeline:ä",
            "Pipeline:web", ":web"})
    void aBadScopeIsRefusedNamingThePart(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scope.parse(text));
        assertTrue(e.getMessage().startsWith("scope"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"global", "project:shop", "pipeline:web-*", "environment:prod"})
    void aScopeReadsBackAsWritten(String text) {
        assertEquals(text, Scope.parse(text).toString());
    }

    static ResourceRef resourceOf(String text) {
        String[] parts = text.split(" in ");
        ResourceRef resource = ResourceRef.parse(parts[0]);
        for (int i = 1; i < parts.length; i++) {
            ResourceRef container = ResourceRef.parse(parts[i]);
            resource = resource.in(container.kind(), container.name());
        }
        return resource;
    }
}

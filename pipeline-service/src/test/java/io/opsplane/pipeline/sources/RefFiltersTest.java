package io.opsplane.pipeline.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RefFiltersTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "''                | refs/heads/main          | true",
            "''                | refs/heads/feature/x     | true",
            "''                | refs/tags/v1             | false",
            "main              | refs/heads/main          | true",
            "main              | main                     | true",
            "main              | refs/heads/mainline      | false",
            "release/*         | refs/heads/release/1.0   | true",
            "release/*         | refs/heads/release/1/hot | false",
            "release/**        | refs/heads/release/1/hot | true",
            "v?                | refs/heads/v1            | true",
            "a.b               | refs/heads/aXb           | false",
            "$(id)             | refs/heads/$(id)         | true",
            "main              | refs/remotes/main        | false"})
    void branches(String patterns, String ref, boolean accepted) {
        RefFilters filters = new RefFilters(patterns.isEmpty() ? List.of() : List.of(patterns.split(",")), List.of());
        assertEquals(accepted, filters.accepts(ref));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource(delimiter = '|', value = {
            "v*    | refs/tags/v1.2 | true",
            "v*    | refs/tags/x1   | false",
            "v*    | refs/heads/v1  | true"})
    void tags(String pattern, String ref, boolean accepted) {
        assertEquals(accepted, new RefFilters(List.of(), List.of(pattern)).accepts(ref));
    }

    @org.junit.jupiter.api.Test
    void badPatternsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RefFilters.validate(List.of(""), "branch"));
        assertThrows(IllegalArgumentException.class, () -> RefFilters.validate(List.of("a\nb"), "branch"));
        assertThrows(IllegalArgumentException.class, () -> RefFilters.validate(List.of("x".repeat(256)), "tag"));
    }
}

package io.opsplane.security.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opsplane.platform.access.Scope;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TokenBindingsTest {

    @ParameterizedTest(name = "\"{0}\" → \"{1}\"")
    @CsvSource(delimiter = '|', value = {
            "admin | admin",
            "admin,viewer | admin,viewer",
            "developer@pipeline:web | developer@pipeline:web",
            "viewer,developer@pipeline:web-*,operator@environment:staging | viewer,developer@pipeline:web-*,operator@environment:staging",
            "viewer@global | viewer",
            "viewer,viewer@global | viewer",
    })
    void aColumnReadsAndWritesBackCanonically(String column, String canonical) {
        assertEquals(canonical, TokenBindings.format(TokenBindings.parse(column)));
    }

    @Test
    void anEmptyColumnCarriesNoBindings() {
        assertEquals(List.of(), TokenBindings.parse(""));
        assertEquals(List.of(), TokenBindings.parse(null));
        assertEquals("", TokenBindings.format(List.of()));
    }

    @Test
    void eachEntryIsARoleAtAScope() {
        assertEquals(List.of(new TokenBindings.Entry("developer", Scope.parse("pipeline:web")),
                new TokenBindings.Entry("viewer", Scope.GLOBAL)), TokenBindings.parse("developer@pipeline:web,viewer"));
    }

    @Test
    void aBadScopeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> TokenBindings.parse("developer@cluster:x"));
    }

    @Test
    void tooManyBindingsAreRefused() {
        List<TokenBindings.Entry> many = Collections.nCopies(1, new TokenBindings.Entry("viewer", Scope.GLOBAL));
        List<TokenBindings.Entry> entries = new java.util.ArrayList<>(many);
        for (int i = 0; i < 300; i++) {
            entries.add(new TokenBindings.Entry("developer", Scope.parse("pipeline:pipeline-number-" + i)));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TokenBindings.format(entries));
        assertEquals("a token carries at most 4096 characters of bindings", e.getMessage());
    }
}

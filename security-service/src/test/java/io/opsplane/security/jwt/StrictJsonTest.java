package io.opsplane.security.jwt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonTest {

    @Test
    void readsEveryKindOfValue() throws Exception {
        Map<String, Object> object = StrictJson.parseObject(
                "{\"s\":\"t\",\"i\":12,\"f\":1.5,\"b\":true,\"n\":null,\"a\":[\"x\",1],\"o\":{\"k\":false}}");

        assertEquals("t", object.get("s"));
        assertEquals(new BigDecimal(12), object.get("i"));
        assertEquals(new BigDecimal("1.5"), object.get("f"));
        assertEquals(Boolean.TRUE, object.get("b"));
        assertTrue(object.containsKey("n"));
        assertNull(object.get("n"));
        assertEquals(List.of("x", new BigDecimal(1)), object.get("a"));
        assertEquals(Map.of("k", false), object.get("o"));
    }

    @Test
    void theResultCannotBeChanged() throws Exception {
        Map<String, Object> object = StrictJson.parseObject("{\"a\":[1]}");

        assertThrows(UnsupportedOperationException.class, () -> object.put("b", 1));
        assertThrows(UnsupportedOperationException.class, () -> ((List<?>) object.get("a")).clear());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "top-level duplicate | {\"a\":1,\"a\":2}",
        "duplicate with another value type | {\"a\":1,\"a\":\"1\"}",
        "nested duplicate | {\"o\":{\"k\":1,\"k\":1}}",
        "duplicate in an object in an array | {\"a\":[{\"k\":1,\"k\":2}]}"})
    void duplicateKeysAreReportedAsSuch(String label, String json) {
        StrictJson.MalformedJsonException error =
                assertThrows(StrictJson.MalformedJsonException.class, () -> StrictJson.parseObject(json));

        assertTrue(error.duplicateKey(), error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "empty | ''",
        "array | [1]",
        "string | \"a\"",
        "number | 1",
        "two objects | {}{}",
        "trailing comma | {\"a\":1,}",
        "single quotes | {'a':1}",
        "comment | {/*x*/\"a\":1}",
        "unquoted key | {a:1}",
        "NaN | {\"a\":NaN}",
        "unterminated | {\"a\":1",
        "too deep | {\"a\":[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]}"})
    void anythingButOneStrictObjectIsMalformed(String label, String json) {
        StrictJson.MalformedJsonException error =
                assertThrows(StrictJson.MalformedJsonException.class, () -> StrictJson.parseObject(json));

        assertFalse(error.duplicateKey(), error.getMessage());
    }

    @Test
    void bytesMustBeUtf8() {
        byte[] latin1 = "{\"a\":\"\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        StrictJson.MalformedJsonException error =
                assertThrows(StrictJson.MalformedJsonException.class, () -> StrictJson.parseObject(latin1));

        assertEquals("not UTF-8", error.getMessage());
    }

    @Test
    void utf8BytesAreRead() throws Exception {
        byte[] utf8 = "{\"a\":\"\u00e9\u6771\"}".getBytes(StandardCharsets.UTF_8);

        assertEquals("\u00e9\u6771", StrictJson.parseObject(utf8).get("a"));
    }
}

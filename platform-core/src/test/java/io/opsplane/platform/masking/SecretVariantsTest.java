package io.opsplane.platform.masking;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class SecretVariantsTest {

    /** Secrets with every kind of character the encodings treat specially. */
    static Stream<String> secrets() {
        return Stream.of("password", "Sup3r-S3cret_Token.v1~", "pässwörd!", "a?>~ÿþ?>~b", "pass word/1+2",
                "quo\"te\\back/slash\nnew\ttab", "ctl\u0001\u001fchars", "emoji-😀-key", "日本語のパスワード");
    }

    static Stream<Arguments> base64Cores() {
        return Stream.of(
                Arguments.of("password", List.of("cGFzc3dvcm", "Bhc3N3b3Jk", "wYXNzd29yZ")),
                Arguments.of("pässwörd!", List.of("cMOkc3N3w7ZyZC", "DDpHNzd8O2cmQh", "ww6Rzc3fDtnJkI")),
                Arguments.of("a?>~ÿþ?>~b", List.of("YT8+fsO/w74/Pn5i", "E/Pn7Dv8O+Pz5+Y", "hPz5+w7/Dvj8+fm",
                        "YT8-fsO_w74_Pn5i", "E_Pn7Dv8O-Pz5-Y", "hPz5-w7_Dvj8-fm")));
    }

    @ParameterizedTest
    @MethodSource("base64Cores")
    void base64CoresForEachAlignment(String secret, List<String> cores) {
        assertTrue(SecretVariants.of(secret).containsAll(cores), () -> SecretVariants.of(secret).toString());
    }

    static Stream<Arguments> secretsWithEncoders() {
        List<Base64.Encoder> encoders = List.of(Base64.getEncoder(), Base64.getEncoder().withoutPadding(),
                Base64.getUrlEncoder(), Base64.getUrlEncoder().withoutPadding());
        return secrets().flatMap(secret -> encoders.stream().map(encoder -> Arguments.of(secret, encoder)));
    }

    @ParameterizedTest
    @MethodSource("secretsWithEncoders")
    void someVariantIsInsideEveryBase64EncodingAroundTheSecret(String secret, Base64.Encoder encoder) {
        Set<String> variants = SecretVariants.of(secret);
        for (String before : List.of("", "x", "xy", "xyz", "xyzw", "é")) {
            for (String after : List.of("", "!", "!?", "!?#")) {
                String encoded = encoder.encodeToString((before + secret + after).getBytes(UTF_8));
                assertTrue(variants.stream().anyMatch(encoded::contains), before + "|" + after);
            }
        }
    }

    @Test
    void hexInBothCases() {
        Set<String> variants = SecretVariants.of("password");
        assertTrue(variants.contains("70617373776f7264"));
        assertTrue(variants.contains("70617373776F7264"));
    }

    static Stream<Arguments> percentEncoded() {
        return Stream.of(
                Arguments.of("pass word/1", List.of("pass%20word%2F1", "pass+word%2F1", "pass%20word%2f1",
                        "pass+word%2f1")),
                Arguments.of("pässwörd", List.of("p%C3%A4ssw%C3%B6rd", "p%c3%a4ssw%c3%b6rd")),
                Arguments.of("a+b=c&d?e", List.of("a%2Bb%3Dc%26d%3Fe", "a%2bb%3dc%26d%3fe")));
    }

    @ParameterizedTest
    @MethodSource("percentEncoded")
    void percentEncodings(String secret, List<String> encodings) {
        assertTrue(SecretVariants.of(secret).containsAll(encodings), () -> SecretVariants.of(secret).toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"pass word/1+2", "pässwörd!", "quo\"te\\back", "emoji-😀-key", "a?>ÿþ?>b"})
    void formEncodingAsJavaWritesItIsAVariant(String secret) {
        assertTrue(SecretVariants.of(secret).contains(URLEncoder.encode(secret, UTF_8)));
    }

    @Test
    void valuesOfUnreservedCharsOnlyGetNoPercentOrJsonVariants() {
        Set<String> variants = SecretVariants.of("Sup3r-S3cret_Token.v1~");
        assertTrue(variants.stream().noneMatch(v -> v.contains("%") || v.contains("\\")), variants::toString);
    }

    static Stream<Arguments> jsonEscaped() {
        return Stream.of(
                Arguments.of("pa\"ss\\word", List.of("pa\\\"ss\\\\word")),
                Arguments.of("line1\nline2\r\t", List.of("line1\\nline2\\r\\t")),
                Arguments.of("back\bform\ffeed", List.of("back\\bform\\ffeed")),
                Arguments.of("ctl\u0001\u001fchars", List.of("ctl\\u0001\\u001fchars", "ctl\\u0001\\u001Fchars")),
                Arguments.of("pa/ss/word", List.of("pa\\/ss\\/word")),
                Arguments.of("pässwörd", List.of("p\\u00e4ssw\\u00f6rd", "p\\u00E4ssw\\u00F6rd")),
                Arguments.of("pä/ssword", List.of("p\\u00e4\\/ssword", "pä\\/ssword")),
                Arguments.of("emoji-😀-key", List.of("emoji-\\ud83d\\ude00-key", "emoji-\\uD83D\\uDE00-key")));
    }

    @ParameterizedTest
    @MethodSource("jsonEscaped")
    void jsonEscapings(String secret, List<String> escaped) {
        assertTrue(SecretVariants.of(secret).containsAll(escaped), () -> SecretVariants.of(secret).toString());
    }

    static Stream<Arguments> secretsWithJsonWriters() {
        List<JsonFactory> writers = List.of(new JsonFactory(),
                JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build(),
                JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build(),
                JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII)
                        .enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build());
        return secrets().flatMap(secret -> writers.stream().map(writer -> Arguments.of(secret, writer)));
    }

    @ParameterizedTest
    @MethodSource("secretsWithJsonWriters")
    void whatAJsonWriterPutsBetweenTheQuotesIsAVariant(String secret, JsonFactory writer) throws IOException {
        StringWriter json = new StringWriter();
        try (JsonGenerator generator = writer.createGenerator(json)) {
            generator.writeString(secret);
        }
        String quoted = json.toString();
        assertTrue(SecretVariants.of(secret).contains(quoted.substring(1, quoted.length() - 1)), quoted);
    }

    @ParameterizedTest
    @MethodSource("secrets")
    void theValueComesFirstAndNoVariantIsShorterThanSix(String secret) {
        Set<String> variants = SecretVariants.of(secret);
        assertEquals(secret, variants.iterator().next());
        assertTrue(variants.stream().allMatch(v -> v.length() >= SecretVariants.MIN_VARIANT_LENGTH));
    }

    @Test
    void variantsTooShortToMaskSafelyAreDropped() {
        // "abc" itself and its base64 "YWJj" would hide ordinary text; only its 6-digit hex is left.
        assertEquals(Set.of("616263"), SecretVariants.of("abc"));
        assertFalse(SecretVariants.of("abcd").contains("abcd"));
    }
}

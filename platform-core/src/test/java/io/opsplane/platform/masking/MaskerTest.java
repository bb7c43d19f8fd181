package io.opsplane.platform.masking;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URLEncoder;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MaskerTest {

    private static final String M = Masker.REPLACEMENT;

    static Stream<Arguments> plainText() {
        return Stream.of(
                Arguments.of("once", List.of("hunter2-secret"), "login hunter2-secret ok", "login " + M + " ok"),
                Arguments.of("twice", List.of("hunter2-secret"), "hunter2-secret,hunter2-secret",
                        M + "," + M),
                Arguments.of("at both ends", List.of("hunter2-secret"), "hunter2-secret in hunter2-secret",
                        M + " in " + M),
                Arguments.of("the same secret back to back", List.of("hunter2-secret"),
                        "hunter2-secrethunter2-secret", M),
                Arguments.of("two secrets touching", List.of("first-secret", "second-secret"),
                        "[first-secretsecond-secret]", "[" + M + "]"),
                Arguments.of("overlapping occurrences", List.of("abcabcab"), "xabcabcabcabx", "x" + M + "x"),
                Arguments.of("two secrets overlapping", List.of("12345678", "5678abcd"), "012345678abcdef",
                        "0" + M + "ef"),
                Arguments.of("shorter secret is a prefix of the longer", List.of("password1234", "password12345678"),
                        "a password12345678 b password1234 c password123456",
                        "a " + M + " b " + M + " c " + M + "56"),
                Arguments.of("longer match swallows two earlier ones", List.of("abcdefgh", "klmnopqr",
                        "abcdefghijklmnopqrst"), "<abcdefghijklmnopqrst>", "<" + M + ">"),
                Arguments.of("longer match falls short", List.of("abcdefgh", "klmnopqr",
                        "abcdefghijklmnopqrst"), "<abcdefghijklmnopqrsX>", "<" + M + "ij" + M + "sX>"),
                Arguments.of("nearly the secret", List.of("hunter2-secret"), "hunter2-secre hunter2-Secret",
                        "hunter2-secre hunter2-Secret"),
                Arguments.of("unicode secret", List.of("pässwörd-日本"), "x=pässwörd-日本;", "x=" + M + ";"),
                Arguments.of("empty text", List.of("hunter2-secret"), "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("plainText")
    void masksEveryOccurrenceAndMergesOverlapsAndNeighbours(String label, List<String> secrets, String text,
            String masked) {
        assertEquals(masked, Masker.of(secrets).mask(text));
        assertEquals(masked, NaiveMasking.mask(secrets, text));
    }

    @Test
    void withoutSecretsTextIsUnchanged() {
        Masker none = Masker.of(List.of());
        String text = "nothing to hide \u0000 [MASKED] 70617373776f7264";
        assertSame(text, none.mask(text));
        MaskingStream stream = none.stream();
        assertEquals("nothing ", stream.write("nothing "));
        assertEquals("to hide", stream.write("to hide"));
        assertEquals("", stream.finish());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Tq7#zX1", "", "Hunter2\0Zebra"})
    void refusesUnmaskableSecretsWithoutNamingThem(String secret) {
        String message = assertThrows(IllegalArgumentException.class,
                () -> Masker.of(List.of("a-valid-secret", secret))).getMessage();
        assertTrue(secret.isEmpty() || !message.contains(secret), message);
    }

    @Test
    void refusesTooLongSecret() {
        assertThrows(IllegalArgumentException.class, () -> Masker.of(List.of("x".repeat(65_537))));
    }

    static Stream<Arguments> secretsAndBase64Encoders() {
        List<String> secrets = List.of("password", "hunter2-secret", "pässwörd!", "a?>~ÿþ?>~b", "emoji-😀-key",
                "Sup3r-S3cret_Token.v1~xyz");
        List<Base64.Encoder> encoders = List.of(Base64.getEncoder(), Base64.getEncoder().withoutPadding(),
                Base64.getUrlEncoder(), Base64.getUrlEncoder().withoutPadding());
        return secrets.stream().flatMap(s -> encoders.stream().map(e -> Arguments.of(s, e)));
    }

    /**
     * The secret inside a larger base64 blob, at every byte alignment: no variant is left, and what
     * is left of the blob does not decode to the secret.
     */
    @ParameterizedTest
    @MethodSource("secretsAndBase64Encoders")
    void masksTheSecretInsideBase64AtEveryAlignment(String secret, Base64.Encoder encoder) {
        Masker masker = Masker.of(List.of(secret));
        Set<String> variants = SecretVariants.of(secret);
        Random random = new Random(secret.hashCode());
        for (int prefixLength = 0; prefixLength <= 5; prefixLength++) {
            for (int trial = 0; trial < 20; trial++) {
                String prefix = randomText(random, prefixLength);
                String suffix = randomText(random, random.nextInt(8));
                String encoded = encoder.encodeToString((prefix + secret + suffix).getBytes(UTF_8));
                String masked = masker.mask("data: " + encoded + "\n");
                assertTrue(masked.contains(M), masked);
                for (String variant : variants) {
                    assertFalse(masked.contains(variant), () -> masked + " still holds " + variant);
                }
                for (String piece : masked.split("\\[MASKED]", -1)) {
                    assertFalse(decodesToSecret(piece, secret), piece);
                }
            }
        }
    }

    @Test
    void masksHexInBothCases() {
        Masker masker = Masker.of(List.of("hunter2-secret"));
        byte[] bytes = "hunter2-secret".getBytes(UTF_8);
        String lower = HexFormat.of().formatHex(bytes);
        String upper = HexFormat.of().withUpperCase().formatHex(bytes);
        assertEquals("key=" + M + " KEY=" + M, masker.mask("key=" + lower + " KEY=" + upper));
        assertEquals("0x" + M + "00", masker.mask("0x" + lower + "00"));
    }

    static Stream<String> urlSecrets() {
        return Stream.of("my pass/wörd+1", "key with spaces", "a/b/c/d/e/f", "日本語のパスワード", "p@ss:w0rd?&=#");
    }

    @ParameterizedTest
    @MethodSource("urlSecrets")
    void masksUrlEncodedSecrets(String secret) {
        Masker masker = Masker.of(List.of(secret));
        String formEncoded = URLEncoder.encode(secret, UTF_8);
        String percentEncoded = formEncoded.replace("+", "%20");
        for (String encoded : List.of(formEncoded, percentEncoded, lowerHexEscapes(formEncoded),
                lowerHexEscapes(percentEncoded))) {
            assertEquals("https://host/cb?token=" + M + "&next=1",
                    masker.mask("https://host/cb?token=" + encoded + "&next=1"), encoded);
        }
    }

    static Stream<Arguments> jsonSecretsAndWriters() {
        List<String> secrets = List.of("quo\"te\\back/slash", "multi\nline\r\nsecret", "tab\there\u0001ctl",
                "pässwörd-日本", "emoji-😀-key");
        List<JsonFactory> writers = List.of(new JsonFactory(),
                JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build(),
                JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build());
        return secrets.stream().flatMap(s -> writers.stream().map(w -> Arguments.of(s, w)));
    }

    @ParameterizedTest
    @MethodSource("jsonSecretsAndWriters")
    void masksSecretsInsideJson(String secret, JsonFactory writer) throws IOException {
        StringWriter json = new StringWriter();
        try (JsonGenerator generator = writer.createGenerator(json)) {
            generator.writeStartObject();
            generator.writeStringField("user", "ci");
            generator.writeStringField("password", secret);
            generator.writeEndObject();
        }
        assertEquals("{\"user\":\"ci\",\"password\":\"" + M + "\"}", Masker.of(List.of(secret)).mask(json.toString()));
    }

    @Test
    void agreesWithTheNaiveRuleOnRandomText() {
        Random random = new Random(7);
        for (int round = 0; round < 300; round++) {
            List<String> secrets = RandomLogs.secrets(random);
            String text = RandomLogs.text(random, secrets, 200);
            assertEquals(NaiveMasking.mask(secrets, text), Masker.of(secrets).mask(text), text);
        }
    }

    private static String randomText(Random random, int length) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append((char) (random.nextBoolean() ? 0x20 + random.nextInt(0x5F) : 0xA0 + random.nextInt(0x300)));
        }
        return text.toString();
    }

    /** Whether any stretch of {@code piece}, read at any of the four base64 alignments, decodes to the secret. */
    private static boolean decodesToSecret(String piece, String secret) {
        String alphabet = piece.replace('-', '+').replace('_', '/').replaceAll("[^A-Za-z0-9+/]", " ");
        String secretBytes = new String(secret.getBytes(UTF_8), ISO_8859_1);
        for (String run : alphabet.split(" ")) {
            for (int offset = 0; offset < 4 && offset < run.length(); offset++) {
                // An unpadded tail of 2 or 3 chars decodes; a lone char cannot.
                int usable = (run.length() - offset) % 4 == 1 ? run.length() - 1 : run.length();
                String aligned = run.substring(offset, usable);
                String decoded = new String(Base64.getDecoder().decode(aligned), ISO_8859_1);
                if (decoded.contains(secretBytes)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String lowerHexEscapes(String encoded) {
        StringBuilder out = new StringBuilder(encoded);
        for (int i = encoded.indexOf('%'); i >= 0; i = encoded.indexOf('%', i + 1)) {
            out.replace(i + 1, i + 3, encoded.substring(i + 1, i + 3).toLowerCase());
        }
        return out.toString();
    }

    @Test
    void theDecodingCheckSeesASecretAtEveryAlignment() {
        for (String prefix : List.of("", "x", "xy")) {
            String blob = Base64.getEncoder().encodeToString((prefix + "hunter2-secret!").getBytes(UTF_8));
            assertTrue(decodesToSecret("data: " + blob, "hunter2-secret"), blob);
        }
    }
}

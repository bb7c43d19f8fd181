package io.opsplane.pipeline.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WebhooksTest {

    private static final String SECRET = "s3cret";
    private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
    private static final byte[] BODY = ("{\"ref\":\"refs/heads/main\",\"before\":\"" + "1".repeat(40) + "\",\"after\":\""
            + SHA + "\",\"pusher\":{\"name\":\"ada\"},\"user_username\":\"ada\"}").getBytes(StandardCharsets.UTF_8);

    private static String signature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(Webhooks.hmac(secret, body));
    }

    private static Map<String, String> headers(String... pairs) {
        Map<String, String> headers = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                headers.put(pairs[i], pairs[i + 1]);
            }
        }
        return headers;
    }

    static Stream<Arguments> deliveries() {
        String good = signature(SECRET, BODY);
        return Stream.of(
                Arguments.of("github valid", "github", headers("x-hub-signature-256", good, "x-github-event", "push",
                        "x-github-delivery", "d1"), Webhooks.Push.class),
                Arguments.of("github wrong secret", "github", headers("x-hub-signature-256",
                        signature("other", BODY), "x-github-event", "push", "x-github-delivery", "d1"),
                        Webhooks.Unauthenticated.class),
                Arguments.of("github missing signature", "github", headers("x-github-event", "push",
                        "x-github-delivery", "d1"), Webhooks.Unauthenticated.class),
                Arguments.of("github wrong prefix", "github", headers("x-hub-signature-256",
                        good.replace("sha256=", "sha1="), "x-github-event", "push", "x-github-delivery", "d1"),
                        Webhooks.Unauthenticated.class),
                Arguments.of("github signature not hex", "github", headers("x-hub-signature-256", "sha256=zz",
                        "x-github-event", "push", "x-github-delivery", "d1"), Webhooks.Unauthenticated.class),
                Arguments.of("github other event", "github", headers("x-hub-signature-256", good,
                        "x-github-event", "issues", "x-github-delivery", "d1"), Webhooks.Ignored.class),
                Arguments.of("github ping", "github", headers("x-hub-signature-256", good,
                        "x-github-event", "ping", "x-github-delivery", "d1"), Webhooks.Ignored.class),
                Arguments.of("github no delivery id", "github", headers("x-hub-signature-256", good,
                        "x-github-event", "push"), Webhooks.Ignored.class),
                Arguments.of("gitlab valid", "gitlab", headers("x-gitlab-token", SECRET, "x-gitlab-event",
                        "Push Hook", "x-gitlab-event-uuid", "u1"), Webhooks.Push.class),
                Arguments.of("gitlab wrong token", "gitlab", headers("x-gitlab-token", SECRET + "x",
                        "x-gitlab-event", "Push Hook", "x-gitlab-event-uuid", "u1"), Webhooks.Unauthenticated.class),
                Arguments.of("gitlab missing token", "gitlab", headers("x-gitlab-event", "Push Hook",
                        "x-gitlab-event-uuid", "u1"), Webhooks.Unauthenticated.class),
                Arguments.of("gitlab signature instead of token", "gitlab", headers("x-hub-signature-256", good,
                        "x-gitlab-event", "Push Hook", "x-gitlab-event-uuid", "u1"), Webhooks.Unauthenticated.class),
                Arguments.of("gitlab other event", "gitlab", headers("x-gitlab-token", SECRET, "x-gitlab-event",
                        "Merge Request Hook", "x-gitlab-event-uuid", "u1"), Webhooks.Ignored.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveries")
    void verdicts(String name, String provider, Map<String, String> headers, Class<?> expected) {
        Webhooks.Verdict verdict = Webhooks.read(provider, headers, BODY, SECRET);
        assertInstanceOf(expected, verdict, name + ": " + verdict);
        if (verdict instanceof Webhooks.Push push) {
            assertEquals("refs/heads/main", push.ref());
            assertEquals(SHA, push.commitSha());
            assertEquals("ada", push.pusher());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void pushesThatStartNothing(String name, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Webhooks.Verdict verdict = Webhooks.read("github", headers("x-hub-signature-256", signature(SECRET, bytes),
                "x-github-event", "push", "x-github-delivery", "d"), bytes, SECRET);
        assertInstanceOf(Webhooks.Ignored.class, verdict, name);
    }

    static Stream<Arguments> bodies() {
        return Stream.of(
                Arguments.of("deleted branch", "{\"ref\":\"refs/heads/x\",\"after\":\"" + "0".repeat(40) + "\"}"),
                Arguments.of("not JSON", "ref=main"),
                Arguments.of("no ref", "{\"after\":\"" + SHA + "\"}"),
                Arguments.of("other ref", "{\"ref\":\"refs/pull/1/head\",\"after\":\"" + SHA + "\"}"),
                Arguments.of("not a sha", "{\"ref\":\"refs/heads/x\",\"after\":\"--upload-pack=x\"}"));
    }

    @org.junit.jupiter.api.Test
    void anEmptySecretVerifiesNothing() {
        assertInstanceOf(Webhooks.Unauthenticated.class, Webhooks.read("gitlab", headers("x-gitlab-token", "",
                "x-gitlab-event", "Push Hook", "x-gitlab-event-uuid", "u"), BODY, ""));
        assertInstanceOf(Webhooks.Unauthenticated.class, Webhooks.read("github", headers("x-hub-signature-256",
                signature("x", BODY), "x-github-event", "push", "x-github-delivery", "d"), BODY, ""));
    }
}

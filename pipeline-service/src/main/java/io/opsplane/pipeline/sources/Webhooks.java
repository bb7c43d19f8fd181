package io.opsplane.pipeline.sources;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Reading a webhook delivery: is it authentic (GitHub: {@code X-Hub-Signature-256}, the HMAC-SHA256 of the raw
 * body keyed with the hook secret; GitLab: {@code X-Gitlab-Token}, the secret itself; both compared in constant
 * time), and is it a push, of which ref and commit. Headers are looked up by their lowercase names.
 */
public final class Webhooks {

    private static final String ZERO_SHA = "0000000000000000000000000000000000000000";

    /** What a delivery asks for. */
    public sealed interface Verdict {
    }

    /** Not authentic: no run, and the sender learns nothing more. */
    public record Unauthenticated(String why) implements Verdict {
    }

    /** Authentic, but nothing to run (another event, a deleted branch...). */
    public record Ignored(String deliveryId, String why) implements Verdict {
    }

    /** Authentic push of {@code ref} (refs/heads/x or refs/tags/x) to {@code commitSha}. */
    public record Push(String deliveryId, String ref, String commitSha, String pusher) implements Verdict {
    }

    private Webhooks() {
    }

    public static Verdict read(String provider, Map<String, String> headers, byte[] body, String secret) {
        return switch (provider) {
            case "github" -> github(headers, body, secret);
            case "gitlab" -> gitlab(headers, body, secret);
            default -> throw new IllegalArgumentException("provider must be github or gitlab, not '" + provider + "'");
        };
    }

    static Verdict github(Map<String, String> headers, byte[] body, String secret) {
        String signature = headers.getOrDefault("x-hub-signature-256", "");
        if (!githubSignatureMatches(body, signature, secret)) {
            return new Unauthenticated(signature.isEmpty() ? "no X-Hub-Signature-256" : "bad X-Hub-Signature-256");
        }
        String delivery = headers.getOrDefault("x-github-delivery", "");
        String event = headers.getOrDefault("x-github-event", "");
        if (!"push".equals(event)) {
            return new Ignored(delivery, "event '" + event + "' is not a push");
        }
        return push(delivery, body, "pusher", "name");
    }

    static Verdict gitlab(Map<String, String> headers, byte[] body, String secret) {
        String token = headers.getOrDefault("x-gitlab-token", "");
        if (token.isEmpty() || !equalsConstantTime(token, secret)) {
            return new Unauthenticated(token.isEmpty() ? "no X-Gitlab-Token" : "bad X-Gitlab-Token");
        }
        String delivery = headers.getOrDefault("x-gitlab-event-uuid", "");
        String event = headers.getOrDefault("x-gitlab-event", "");
        if (!"Push Hook".equals(event) && !"Tag Push Hook".equals(event)) {
            return new Ignored(delivery, "event '" + event + "' is not a push");
        }
        return push(delivery, body, "user_username", null);
    }

    private static Verdict push(String delivery, byte[] body, String pusherField, String pusherName) {
        if (delivery.isEmpty() || delivery.length() > 128) {
            return new Ignored(delivery, "no delivery id");
        }
        JsonObject json;
        try {
            json = new JsonObject(new String(body, StandardCharsets.UTF_8));
        } catch (DecodeException | ClassCastException e) {
            return new Ignored(delivery, "the body is not a JSON object");
        }
        String ref = json.getValue("ref") instanceof String s ? s : "";
        String after = json.getValue("after") instanceof String s ? s : "";
        if (ref.isEmpty() || !(ref.startsWith("refs/heads/") || ref.startsWith("refs/tags/"))) {
            return new Ignored(delivery, "the push names no branch or tag");
        }
        if (after.isEmpty() || ZERO_SHA.equals(after) || Boolean.TRUE.equals(json.getValue("deleted"))) {
            return new Ignored(delivery, ref + " was deleted");
        }
        if (!after.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            return new Ignored(delivery, "the push names no commit");
        }
        String pusher = "";
        Object who = json.getValue(pusherField);
        if (who instanceof JsonObject object && pusherName != null) {
            pusher = object.getValue(pusherName) instanceof String s ? s : "";
        } else if (who instanceof String s) {
            pusher = s;
        }
        return new Push(delivery, ref, after, pusher);
    }

    /** GitHub's signature: {@code sha256=<hex HMAC-SHA256 of the body>}, compared in constant time. */
    public static boolean githubSignatureMatches(byte[] body, String header, String secret) {
        if (header == null || !header.startsWith("sha256=") || secret == null || secret.isEmpty()) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring("sha256=".length()));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(hmac(secret, body), given);
    }

    public static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Compares digests, so neither the position of the first difference nor the length shows in the time. */
    static boolean equalsConstantTime(String given, String expected) {
        if (expected == null || expected.isEmpty()) {
            return false;
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] a = sha.digest(given.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha.digest(expected.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

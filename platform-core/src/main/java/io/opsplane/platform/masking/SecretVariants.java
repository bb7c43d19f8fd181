package io.opsplane.platform.masking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The strings that reveal one secret in a log: the value itself and the forms programs commonly
 * print it in. Those are base64 and base64url (the part fixed by the value at each of the three byte
 * alignments, so it is found inside a larger encoded blob, padded or not), hex in either case,
 * percent-encoding (see {@link PercentEncoding}) and JSON string escaping (see {@link JsonEscaping}).
 * Encodings work on the value's UTF-8 bytes.
 */
public final class SecretVariants {

    /**
     * Variants shorter than this are dropped: a handful of characters turns up in ordinary text
     * (words, ids, other base64) and masking it would hide innocent output. Values that pass
     * {@link SecretValue} never produce one; the rule guards values that were not checked.
     */
    public static final int MIN_VARIANT_LENGTH = 6;

    private SecretVariants() {
    }

    /** The distinct variants of {@code secret}, the value itself first. */
    public static Set<String> of(String secret) {
        Objects.requireNonNull(secret, "a secret value is required");
        byte[] utf8 = secret.getBytes(StandardCharsets.UTF_8);
        Set<String> variants = new LinkedHashSet<>();
        variants.add(secret);
        variants.addAll(Base64Cores.of(utf8, Base64.getEncoder()));
        variants.addAll(Base64Cores.of(utf8, Base64.getUrlEncoder()));
        variants.add(HexFormat.of().formatHex(utf8));
        variants.add(HexFormat.of().withUpperCase().formatHex(utf8));
        variants.addAll(PercentEncoding.variants(utf8));
        variants.addAll(JsonEscaping.variants(secret));
        variants.removeIf(variant -> variant.length() < MIN_VARIANT_LENGTH);
        return Collections.unmodifiableSet(variants);
    }
}

package io.opsplane.deploy.service;

import io.opsplane.deploy.validation.InvalidFieldException;
import io.opsplane.platform.errors.DomainException;
import java.util.UUID;
import java.util.regex.Pattern;

/** The shapes of names the API accepts; they end up in process names, HAProxy names and PromQL label values. */
public final class Names {

    public static final Pattern APPLICATION = Pattern.compile("[a-z][a-z0-9-]{0,29}");
    public static final Pattern ENVIRONMENT = Pattern.compile("[a-z][a-z0-9-]{0,19}");
    public static final Pattern VERSION = Pattern.compile("[A-Za-z0-9._+-]{1,64}");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{0,64}");
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9-]{0,64}");

    private Names() {
    }

    public static String application(String field, String name) {
        return matching(field, name, APPLICATION);
    }

    public static String environment(String field, String name) {
        return matching(field, name, ENVIRONMENT);
    }

    public static String version(String field, String version) {
        return matching(field, version, VERSION);
    }

    public static String commit(String field, String sha) {
        return matching(field, sha == null ? "" : sha, COMMIT);
    }

    public static String runId(String field, String id) {
        return matching(field, id == null ? "" : id, RUN_ID);
    }

    public static UUID deploymentId(String id) {
        try {
            return UUID.fromString(id == null ? "" : id);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("id: must be a deployment id (a UUID), was '" + printable(id) + "'");
        }
    }

    private static String matching(String field, String value, Pattern pattern) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new InvalidFieldException(field, "must match " + pattern.pattern() + ", was '" + printable(value) + "'");
        }
        return value;
    }

    static String printable(String value) {
        return io.opsplane.platform.text.PrintableText.of(value == null ? "" : value, 80);
    }
}

package io.opsplane.deploy.analysis;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.util.Optional;
import java.util.regex.Pattern;

/** A named input of a template, such as the canary's version, optionally with a default. */
public record Argument(String name, Optional<String> defaultValue) {

    static final Pattern NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9-]{0,62}");

    public Argument {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidFieldException("args.name", "must match " + NAME.pattern() + ", was '" + name + "'");
        }
    }

    public static Argument required(String name) {
        return new Argument(name, Optional.empty());
    }
}

package io.opsplane.pipeline.definition;

import java.util.regex.Pattern;

/** Pipeline names are DNS labels: they end up in URLs, topics keys and runner workspaces. */
public final class PipelineNames {

    private static final Pattern NAME = Pattern.compile("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$");

    private PipelineNames() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String explain() {
        return "name must be 1 to 63 lowercase letters, digits or '-', starting and ending with a letter or digit";
    }
}

package io.opsplane.pipeline.definition.gitlab;

/**
 * A scalar with its YAML 1.1 type as GitLab (Ruby's Psych) reads plain scalars: {@code ~} and {@code null} are null,
 * {@code true/false/yes/no/on/off} booleans, numbers numbers; a quoted scalar is always a string. {@code text} is
 * the written text ({@code "true"}/{@code "false"} for booleans).
 */
public record YamlScalar(String text, Kind kind, Position position) implements YamlValue {

    public enum Kind {
        STRING, INTEGER, FLOAT, BOOLEAN, NULL
    }

    public boolean isNull() {
        return kind == Kind.NULL;
    }

    @Override
    public String describe() {
        return switch (kind) {
            case NULL -> "null";
            case BOOLEAN -> "the boolean " + text;
            case INTEGER, FLOAT -> "the number " + text;
            case STRING -> "the string '" + abbreviate(text) + "'";
        };
    }

    private static String abbreviate(String text) {
        String line = text.replace('\n', ' ');
        return line.length() <= 40 ? line : line.substring(0, 37) + "...";
    }
}

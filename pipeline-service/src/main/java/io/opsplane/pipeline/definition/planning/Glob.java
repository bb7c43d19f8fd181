package io.opsplane.pipeline.definition.planning;

import java.util.regex.Pattern;

/**
 * A path pattern of {@code changes} and {@code exists}, matched as GitLab does with Ruby's {@code File.fnmatch?}
 * and the flags PATHNAME, DOTMATCH and EXTGLOB: {@code *} and {@code ?} stay within one directory, {@code **}/
 * spans any number of directories (none included), {@code [abc]} and {@code [!abc]} are classes, {@code {a,b}} are
 * alternatives, and dot files are matched like others.
 */
final class Glob {

    private final Pattern pattern;

    private Glob(Pattern pattern) {
        this.pattern = pattern;
    }

    static Glob of(String glob) {
        return new Glob(Pattern.compile(translate(glob)));
    }

    boolean matches(String path) {
        return pattern.matcher(path).matches();
    }

    private static String translate(String glob) {
        StringBuilder regex = new StringBuilder();
        int braces = 0;
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> {
                    if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                        boolean directories = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                        regex.append(directories ? "(?:[^/]*/)*" : "[^/]*");
                        i += directories ? 2 : 1;
                    } else {
                        regex.append("[^/]*");
                    }
                }
                case '?' -> regex.append("[^/]");
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, close);
                        if (body.startsWith("!")) {
                            body = "^" + body.substring(1);
                        }
                        regex.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = close;
                    }
                }
                case '{' -> {
                    braces++;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (braces > 0) {
                        braces--;
                        regex.append(')');
                    } else {
                        regex.append("\\}");
                    }
                }
                case ',' -> regex.append(braces > 0 ? "|" : ",");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        regex.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        while (braces-- > 0) {
            regex.append(')');
        }
        return regex.toString();
    }
}

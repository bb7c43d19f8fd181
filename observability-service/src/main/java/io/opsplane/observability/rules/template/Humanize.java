package io.opsplane.observability.rules.template;

import java.util.List;

/** Prometheus's humanize, humanize1024 and humanizeDuration, digit for digit. */
final class Humanize {

    private static final String[] BIG = {"k", "M", "G", "T", "P", "E", "Z", "Y"};
    private static final String[] SMALL = {"m", "u", "n", "p", "f", "a", "z", "y"};
    private static final String[] BINARY = {"ki", "Mi", "Gi", "Ti", "Pi", "Ei", "Zi", "Yi"};

    private Humanize() {
    }

    private static String g4(double value, String suffix) {
        return GoFormat.sprintf("%.4g", List.of(value)) + suffix;
    }

    static String metric(double value) {
        if (value == 0 || Double.isNaN(value) || Double.isInfinite(value)) {
            return g4(value, "");
        }
        double v = value;
        String prefix = "";
        if (Math.abs(v) >= 1) {
            for (String p : BIG) {
                if (Math.abs(v) < 1000) {
                    break;
                }
                prefix = p;
                v /= 1000;
            }
            return g4(v, prefix);
        }
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v, prefix);
    }

    static String binary(double value) {
        if (Math.abs(value) <= 1 || Double.isNaN(value) || Double.isInfinite(value)) {
            return g4(value, "");
        }
        double v = value;
        String prefix = "";
        for (String p : BINARY) {
            if (Math.abs(v) < 1024) {
                break;
            }
            prefix = p;
            v /= 1024;
        }
        return g4(v, prefix);
    }

    static String duration(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return g4(value, "");
        }
        if (value == 0) {
            return g4(value, "s");
        }
        double v = value;
        if (Math.abs(v) >= 1) {
            String sign = "";
            if (v < 0) {
                sign = "-";
                v = -v;
            }
            long total = (long) v;
            long seconds = total % 60;
            long minutes = (total / 60) % 60;
            long hours = (total / 60 / 60) % 24;
            long days = total / 60 / 60 / 24;
            if (days != 0) {
                return sign + days + "d " + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (hours != 0) {
                return sign + hours + "h " + minutes + "m " + seconds + "s";
            }
            if (minutes != 0) {
                return sign + minutes + "m " + seconds + "s";
            }
            return sign + g4(v, "s");
        }
        String prefix = "";
        for (String p : SMALL) {
            if (Math.abs(v) >= 1) {
                break;
            }
            prefix = p;
            v *= 1000;
        }
        return g4(v, prefix + "s");
    }
}

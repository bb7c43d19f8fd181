package io.opsplane.observability.telemetry;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON string quoting for the rows' bounded attribute documents. */
final class Json {

    private static final JsonStringEncoder ENCODER = JsonStringEncoder.getInstance();

    private Json() {
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        ENCODER.quoteAsString(value, out);
        out.append('"');
    }

    static String string(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2);
        string(out, value);
        return out.toString();
    }
}

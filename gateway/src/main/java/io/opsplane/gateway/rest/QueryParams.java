package io.opsplane.gateway.rest;

/**
 * Query parameters (and headers) read as text and converted here, so that a value that is not a number or
 * a boolean is a 400 naming the parameter rather than the 404 of a failed JAX-RS conversion. Ranges are the
 * service's to check, except where a negative number can mean nothing.
 */
final class QueryParams {

    private QueryParams() {
    }

    /** A whole number; {@code absent} when the parameter is not given. */
    static int wholeNumber(String name, String value, int absent) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a whole number");
        }
    }

    /** A whole number, 0 or more; 0 when the parameter is not given. */
    static int count(String name, String value) {
        int number = wholeNumber(name, value, 0);
        if (number < 0) {
            throw new IllegalArgumentException(name + " must be a whole number, 0 or more");
        }
        return number;
    }

    /** A byte offset, 0 or more; 0 when the parameter is not given. */
    static long offset(String name, String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long offset = Long.parseLong(value.trim());
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // the same answer as a negative offset
        }
        throw new IllegalArgumentException(name + " must be a byte offset, a whole number 0 or more");
    }

    /** {@code true} or {@code false}; {@code false} when the parameter is not given. */
    static boolean flag(String name, String value) {
        if (value == null || value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new IllegalArgumentException(name + " must be true or false");
    }
}

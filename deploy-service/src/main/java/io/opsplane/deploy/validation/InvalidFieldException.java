package io.opsplane.deploy.validation;

/** Bad input, naming the field it came from so the API can answer 400 with a pointer to it. */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;
    private final String problem;

    public InvalidFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
        this.problem = problem;
    }

    public String field() {
        return field;
    }

    public String problem() {
        return problem;
    }

    /** The same problem, located inside an enclosing field such as {@code steps[2]}. */
    public InvalidFieldException within(String parent) {
        return new InvalidFieldException(parent + "." + field, problem);
    }

    public static void requireRange(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new InvalidFieldException(field, "must be between " + min + " and " + max + ", was " + value);
        }
    }

    public static String requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "must not be blank");
        }
        return value;
    }
}

package io.opsplane.platform.errors;

/** Whether a failure is PostgreSQL refusing a duplicate key (SQL state 23505), however deep it is wrapped. */
public final class UniqueViolation {

    private UniqueViolation() {
    }

    public static boolean isCauseOf(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && message.contains("23505")) {
                return true;
            }
        }
        return false;
    }
}

package io.opsplane.deploy.rollout;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** One step of a canary: argo-rollouts' {@code setWeight}, {@code pause} and {@code analysis}. */
public sealed interface CanaryStep {

    record SetWeight(int weight) implements CanaryStep {
        public SetWeight {
            InvalidFieldException.requireRange("setWeight", weight, 0, 100);
        }
    }

    /** Without a duration the rollout waits for an operator's promote or resume. */
    record Pause(Optional<Duration> duration) implements CanaryStep {
        public Pause {
            if (duration.isPresent() && duration.get().isNegative()) {
                throw new InvalidFieldException("pause.duration", "must not be negative, was " + duration.get());
            }
        }

        public static Pause indefinitely() {
            return new Pause(Optional.empty());
        }

        public static Pause forDuration(Duration duration) {
            return new Pause(Optional.of(duration));
        }
    }

    record Analysis(String templateName) implements CanaryStep {
        public Analysis {
            InvalidFieldException.requireText("analysis.templateName", templateName);
        }
    }

    /**
     * Reads a step as the API receives it: a kind and its argument (a weight, an ISO-8601 or
     * {@code 30s}/{@code 5m}/{@code 1h} duration or nothing, a template name).
     */
    public static CanaryStep parse(String field, String kind, String argument) {
        try {
            return switch (kind == null ? "" : kind) {
                case "setWeight" -> new SetWeight(parseWeight(field, argument));
                case "pause" -> argument == null || argument.isBlank()
                        ? Pause.indefinitely()
                        : Pause.forDuration(parseDuration(field, argument));
                case "analysis" -> new Analysis(argument);
                default -> throw new InvalidFieldException(field + ".kind",
                        "unknown step kind '" + kind + "', expected setWeight, pause or analysis");
            };
        } catch (InvalidFieldException e) {
            throw e.field().startsWith(field) ? e : e.within(field);
        }
    }

    private static int parseWeight(String field, String argument) {
        try {
            return Integer.parseInt(argument == null ? "" : argument.trim());
        } catch (NumberFormatException e) {
            throw new InvalidFieldException(field + ".setWeight", "must be a whole number, was '" + argument + "'");
        }
    }

    private static Duration parseDuration(String field, String text) {
        String trimmed = text.trim();
        try {
            if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
                return Duration.parse(trimmed);
            }
            long amount = Long.parseLong(trimmed.substring(0, trimmed.length() - 1));
            return switch (trimmed.charAt(trimmed.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            };
        } catch (DateTimeParseException | NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new InvalidFieldException(field + ".pause.duration",
                    "must be like 30s, 5m, 1h or PT30S, was '" + text + "'");
        }
    }
}

package io.opsplane.deploy.service;

import io.opsplane.deploy.analysis.AnalysisTemplate;
import io.opsplane.deploy.analysis.Argument;
import io.opsplane.deploy.analysis.CanaryVersusStableTemplate;
import io.opsplane.deploy.analysis.MetricSpec;
import io.opsplane.deploy.analysis.condition.ConditionParser;
import io.opsplane.deploy.rollout.BlueGreenStrategy;
import io.opsplane.deploy.rollout.CanaryStep;
import io.opsplane.deploy.rollout.CanaryStrategy;
import io.opsplane.deploy.rollout.Strategy;
import io.opsplane.deploy.validation.InvalidFieldException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Turns the API's strategy and analysis template messages into the engines' types, naming the field at fault
 * (as the request spells it) when one is wrong.
 */
public final class Specs {

    public static final Duration DEFAULT_HEALTH_TIMEOUT = Duration.ofMinutes(5);
    public static final Duration DEFAULT_SCALE_DOWN_DELAY = Duration.ofSeconds(30);
    public static final Duration DEFAULT_PROGRESS_DEADLINE = Duration.ofMinutes(10);
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,9})(ms|s|m|h)");
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");

    private Specs() {
    }

    /** The engine's strategy; an unset strategy is the default canary. */
    public static Strategy strategy(String field, io.opsplane.proto.deploy.v1.Strategy given) {
        if (given == null || given.getKindCase() == io.opsplane.proto.deploy.v1.Strategy.KindCase.KIND_NOT_SET) {
            return CanaryStrategy.withDefaultSteps(Optional.empty());
        }
        try {
            if (given.hasCanary()) {
                io.opsplane.proto.deploy.v1.CanaryStrategy canary = given.getCanary();
                List<CanaryStep> steps = new ArrayList<>();
                for (int i = 0; i < canary.getStepsCount(); i++) {
                    steps.add(step("canary.steps[" + i + "]", canary.getSteps(i)));
                }
                Optional<String> background = optionalTemplate("canary.backgroundAnalysis", canary.getBackgroundAnalysis());
                return steps.isEmpty() ? CanaryStrategy.withDefaultSteps(background) : new CanaryStrategy(steps, background);
            }
            io.opsplane.proto.deploy.v1.BlueGreenStrategy blueGreen = given.getBlueGreen();
            return new BlueGreenStrategy(
                    duration("blueGreen.healthTimeout", blueGreen.getHealthTimeout(), DEFAULT_HEALTH_TIMEOUT),
                    optionalTemplate("blueGreen.preSwitchAnalysis", blueGreen.getPreSwitchAnalysis()),
                    optionalTemplate("blueGreen.postSwitchAnalysis", blueGreen.getPostSwitchAnalysis()),
                    duration("blueGreen.scaleDownDelay", blueGreen.getScaleDownDelay(), DEFAULT_SCALE_DOWN_DELAY),
                    blueGreen.getAutoPromote());
        } catch (InvalidFieldException e) {
            throw e.field().startsWith(field + ".") ? e : e.within(field);
        }
    }

    private static CanaryStep step(String field, io.opsplane.proto.deploy.v1.CanaryStep step) {
        return switch (step.getStepCase()) {
            case SET_WEIGHT -> CanaryStep.parse(field, "setWeight", Integer.toString(step.getSetWeight()));
            case PAUSE -> step.getPause().getDuration().isBlank() ? CanaryStep.Pause.indefinitely()
                    : CanaryStep.Pause.forDuration(duration(field + ".pause.duration", step.getPause().getDuration(), null));
            case ANALYSIS -> new CanaryStep.Analysis(template(field + ".analysis", step.getAnalysis()));
            case STEP_NOT_SET -> throw new InvalidFieldException(field, "must be one of setWeight, pause or analysis");
        };
    }

    /** The analysis templates a strategy names, in order of first use. */
    public static List<String> templatesNamed(Strategy strategy) {
        List<String> names = new ArrayList<>();
        if (strategy instanceof CanaryStrategy canary) {
            canary.backgroundAnalysisTemplate().ifPresent(names::add);
            for (CanaryStep step : canary.steps()) {
                if (step instanceof CanaryStep.Analysis analysis && !names.contains(analysis.templateName())) {
                    names.add(analysis.templateName());
                }
            }
        } else if (strategy instanceof BlueGreenStrategy blueGreen) {
            blueGreen.preSwitchAnalysisTemplate().ifPresent(names::add);
            blueGreen.postSwitchAnalysisTemplate().filter(name -> !names.contains(name)).ifPresent(names::add);
        }
        return names;
    }

    /** The engine's templates by name: the built-in one plus those given, each checked. */
    public static Map<String, AnalysisTemplate> templates(List<io.opsplane.proto.deploy.v1.AnalysisTemplate> given) {
        Map<String, AnalysisTemplate> templates = new LinkedHashMap<>();
        templates.put(CanaryVersusStableTemplate.NAME, CanaryVersusStableTemplate.create());
        for (int i = 0; i < given.size(); i++) {
            String field = "analysisTemplates[" + i + "]";
            AnalysisTemplate template = template(field, given.get(i));
            if (templates.put(template.name(), template) != null) {
                throw new InvalidFieldException(field + ".name", "'" + template.name() + "' is defined twice or is built in");
            }
        }
        return templates;
    }

    private static AnalysisTemplate template(String field, io.opsplane.proto.deploy.v1.AnalysisTemplate given) {
        try {
            List<Argument> args = new ArrayList<>();
            for (var argument : given.getArgsList()) {
                args.add(new Argument(argument.getName(),
                        argument.hasDefaultValue() ? Optional.of(argument.getDefaultValue()) : Optional.empty()));
            }
            List<MetricSpec> metrics = new ArrayList<>();
            for (int i = 0; i < given.getMetricsCount(); i++) {
                metrics.add(metric("metrics[" + i + "]", given.getMetrics(i)));
            }
            return new AnalysisTemplate(template("name", given.getName()), args, metrics);
        } catch (InvalidFieldException e) {
            throw e.within(field);
        }
    }

    private static MetricSpec metric(String field, io.opsplane.proto.deploy.v1.AnalysisMetric given) {
        try {
            String query = given.getQuery();
            if (query.length() > 4000 || query.chars().anyMatch(c -> c < ' ' && c != '\n' && c != '\t')) {
                throw new InvalidFieldException("query", "must be at most 4000 characters without control characters");
            }
            checkBalanced(query);
            return new MetricSpec(given.getName(), query,
                    given.getInterval().isBlank() ? Optional.empty() : Optional.of(duration("interval", given.getInterval(), null)),
                    given.getCount() == 0 ? OptionalInt.empty() : OptionalInt.of(given.getCount()),
                    given.getSuccessCondition().isBlank() ? Optional.empty()
                            : Optional.of(ConditionParser.parse("successCondition", given.getSuccessCondition())),
                    given.getFailureCondition().isBlank() ? Optional.empty()
                            : Optional.of(ConditionParser.parse("failureCondition", given.getFailureCondition())),
                    given.getFailureLimit(), given.getInconclusiveLimit(),
                    given.hasConsecutiveErrorLimit() ? given.getConsecutiveErrorLimit() : MetricSpec.DEFAULT_CONSECUTIVE_ERROR_LIMIT);
        } catch (InvalidFieldException e) {
            throw e.within(field);
        } catch (RuntimeException e) {
            // The condition parser names position and problem in its message.
            throw new InvalidFieldException(field, e.getMessage());
        }
    }

    /**
     * A query whose brackets, braces, parentheses or quotes do not pair up can never parse: refused here, before a
     * rollout depends on it. The metrics store checks the rest when the run measures.
     */
    static void checkBalanced(String query) {
        java.util.ArrayDeque<Character> open = new java.util.ArrayDeque<>();
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                int end = i + 1;
                while (end < query.length() && query.charAt(end) != c) {
                    end += query.charAt(end) == '\\' && c != '`' ? 2 : 1;
                }
                if (end >= query.length()) {
                    throw new InvalidFieldException("query", "the string opened at character " + (i + 1) + " is not closed");
                }
                i = end;
            } else if (c == '(' || c == '[' || c == '{') {
                open.push(c);
            } else if (c == ')' || c == ']' || c == '}') {
                char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
                if (open.isEmpty() || open.pop() != expected) {
                    throw new InvalidFieldException("query", "'" + c + "' at character " + (i + 1) + " closes nothing that is open");
                }
            }
        }
        if (!open.isEmpty()) {
            throw new InvalidFieldException("query", "'" + open.peek() + "' is never closed");
        }
    }

    private static Optional<String> optionalTemplate(String field, String name) {
        return name == null || name.isBlank() ? Optional.empty() : Optional.of(template(field, name));
    }

    private static String template(String field, String name) {
        if (name == null || !TEMPLATE_NAME.matcher(name).matches()) {
            throw new InvalidFieldException(field, "must match " + TEMPLATE_NAME.pattern() + ", was '" + name + "'");
        }
        return name;
    }

    /** 250ms, 30s, 5m, 1h or ISO-8601 (PT30S); blank: {@code fallback}, or an error without one. */
    public static Duration duration(String field, String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            if (fallback == null) {
                throw new InvalidFieldException(field, "must be a duration such as 30s, 5m or PT30S");
            }
            return fallback;
        }
        String trimmed = text.trim();
        Duration parsed;
        try {
            if (trimmed.startsWith("P") || trimmed.startsWith("p")) {
                parsed = Duration.parse(trimmed);
            } else {
                var match = DURATION.matcher(trimmed);
                if (!match.matches()) {
                    throw new InvalidFieldException(field, "must be like 30s, 5m, 1h or PT30S, was '" + text + "'");
                }
                long amount = Long.parseLong(match.group(1));
                parsed = switch (match.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be like 30s, 5m, 1h or PT30S, was '" + text + "'");
        }
        if (parsed.isNegative() || parsed.compareTo(Duration.ofDays(7)) > 0) {
            throw new InvalidFieldException(field, "must be between 0 and 7 days, was " + text);
        }
        return parsed;
    }
}

package io.opsplane.pipeline.triggers.events;

import io.opsplane.pipeline.definition.rules.InvalidExpressionException;
import io.opsplane.pipeline.definition.rules.RegexPattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The filters of an event trigger, checked once when the trigger is saved and then applied to every event of its
 * type: an event starts a run when every filter holds. Regular expressions are refused where GitLab's RE2 would
 * refuse them, and a match that would backtrack without end counts as no match (see {@link RegexPattern}).
 */
public final class EventConditions {

    public static final int MAX_FILTERS = 20;
    static final int MAX_VALUE = 1024;
    private static final Set<String> OPERATORS = Set.of("equals", "not_equals", "prefix", "matches", "exists");
    private static final Pattern FIELD = Pattern.compile("^(subject|source|data(\\.[A-Za-z0-9_@$-]{1,128}){1,16})$");

    private record Condition(String field, Predicate<Optional<String>> holds) {
    }

    private final List<Condition> conditions;

    private EventConditions(List<Condition> conditions) {
        this.conditions = List.copyOf(conditions);
    }

    public static EventConditions compile(List<EventFilter> filters) {
        if (filters.size() > MAX_FILTERS) {
            throw new InvalidTriggerException("an event trigger has at most " + MAX_FILTERS + " filters, not "
                    + filters.size());
        }
        List<Condition> conditions = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            conditions.add(condition(i + 1, filters.get(i)));
        }
        return new EventConditions(conditions);
    }

    private static Condition condition(int number, EventFilter filter) {
        String where = "filter " + number + ": ";
        String field = filter.field() == null ? "" : filter.field().trim();
        if (!FIELD.matcher(field).matches()) {
            throw new InvalidTriggerException(where + "the field '" + field + "' is not subject, source or "
                    + "data.<path> (such as data.environment or data.labels.team)");
        }
        String operator = filter.operator() == null || filter.operator().isBlank() ? "equals" : filter.operator();
        if (!OPERATORS.contains(operator)) {
            throw new InvalidTriggerException(where + "the operator '" + operator + "' is not one of equals, "
                    + "not_equals, prefix, matches, exists");
        }
        String value = filter.value() == null ? "" : filter.value();
        if (value.length() > MAX_VALUE) {
            throw new InvalidTriggerException(where + "the value has more than " + MAX_VALUE + " characters");
        }
        Predicate<Optional<String>> holds = switch (operator) {
            case "equals" -> actual -> actual.filter(value::equals).isPresent();
            case "not_equals" -> actual -> actual.filter(value::equals).isEmpty();
            case "prefix" -> actual -> actual.filter(text -> text.startsWith(value)).isPresent();
            case "exists" -> Optional::isPresent;
            default -> {
                RegexPattern pattern = pattern(where, value);
                yield actual -> actual.filter(pattern::foundIn).isPresent();
            }
        };
        return new Condition(field, holds);
    }

    private static RegexPattern pattern(String where, String value) {
        if (value.isEmpty()) {
            throw new InvalidTriggerException(where + "matches needs a regular expression");
        }
        try {
            return RegexPattern.parse("/" + value.replace("/", "\\/") + "/", 1);
        } catch (InvalidExpressionException e) {
            throw new InvalidTriggerException(where + e.reason());
        }
    }

    public boolean matches(EventFacts event) {
        for (Condition condition : conditions) {
            if (!condition.holds().test(event.value(condition.field()))) {
                return false;
            }
        }
        return true;
    }
}

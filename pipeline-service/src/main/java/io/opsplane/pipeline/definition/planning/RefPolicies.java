package io.opsplane.pipeline.definition.planning;

import io.opsplane.pipeline.definition.model.OnlyExceptSpec;
import io.opsplane.pipeline.definition.rules.RegexPattern;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The legacy {@code only}/{@code except}, as GitLab decides them: a job runs when every part of {@code only} holds
 * (refs: any listed ref; variables: any expression; changes: any path) and no part of {@code except} does. Without
 * {@code only} (and without {@code rules}) a job has GitLab's default {@code only: [branches, tags]}, so merge
 * request pipelines leave it out.
 */
final class RefPolicies {

    static final OnlyExceptSpec DEFAULT_ONLY = new OnlyExceptSpec(List.of("branches", "tags"), List.of(), List.of());

    private static final Map<String, String> SOURCES = Map.of(
            "api", "api",
            "chat", "chat",
            "external", "external",
            "external_pull_requests", "external_pull_request_event",
            "merge_requests", "merge_request_event",
            "pipelines", "pipeline",
            "pushes", "push",
            "schedules", "schedule",
            "triggers", "trigger",
            "web", "web");

    private final Conditions conditions;

    RefPolicies(Conditions conditions) {
        this.conditions = conditions;
    }

    boolean included(Optional<OnlyExceptSpec> only, Optional<OnlyExceptSpec> except, Map<String, String> variables) {
        OnlyExceptSpec required = only.orElse(DEFAULT_ONLY);
        boolean allOfOnly = (required.refs().isEmpty() || anyRef(required.refs(), variables))
                && (required.variables().isEmpty() || anyExpression(required.variables(), variables))
                && (required.changes().isEmpty() || conditions.changes(required.changes(), variables));
        if (!allOfOnly) {
            return false;
        }
        if (except.isEmpty()) {
            return true;
        }
        OnlyExceptSpec excluded = except.get();
        boolean anyOfExcept = (!excluded.refs().isEmpty() && anyRef(excluded.refs(), variables))
                || (!excluded.variables().isEmpty() && anyExpression(excluded.variables(), variables))
                || (!excluded.changes().isEmpty() && conditions.changes(excluded.changes(), variables));
        return !anyOfExcept;
    }

    private boolean anyExpression(List<String> expressions, Map<String, String> variables) {
        return expressions.stream().anyMatch(expression -> conditions.expression(expression, variables));
    }

    private static boolean anyRef(List<String> refs, Map<String, String> variables) {
        return refs.stream().anyMatch(ref -> matchesRef(ref, variables));
    }

    /** A keyword, a {@code /regex/} or a name, optionally {@code @group/project}. */
    static boolean matchesRef(String ref, Map<String, String> variables) {
        String pattern = ref;
        int at = ref.indexOf('@');
        if (at >= 0) {
            if (!ref.substring(at + 1).equals(variables.get("CI_PROJECT_PATH"))) {
                return false;
            }
            pattern = ref.substring(0, at);
        }
        String source = variables.getOrDefault("CI_PIPELINE_SOURCE", "");
        switch (pattern) {
            case "branches":
                return present(variables.get("CI_COMMIT_BRANCH"));
            case "tags":
                return present(variables.get("CI_COMMIT_TAG"));
            default:
                break;
        }
        String keywordSource = SOURCES.get(pattern);
        if (keywordSource != null) {
            return keywordSource.equals(source);
        }
        String refName = variables.getOrDefault("CI_COMMIT_REF_NAME", "");
        if (pattern.startsWith("/") && RegexPattern.looksLikePattern(pattern)) {
            return RegexPattern.parse(pattern, 1).foundIn(refName);
        }
        return pattern.equals(refName);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}

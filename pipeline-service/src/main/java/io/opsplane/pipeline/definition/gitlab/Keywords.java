package io.opsplane.pipeline.definition.gitlab;

import java.util.Map;
import java.util.Set;

/**
 * What the compiler makes of every GitLab keyword: supported, accepted with a warning (recorded or ignored, never
 * silently), or refused with a reason. Anything else is refused as unknown.
 */
public final class Keywords {

    private Keywords() {
    }

    /** Top-level keys that are not jobs. */
    public static final Set<String> GLOBAL = Set.of("include", "stages", "variables", "default", "workflow", "image",
            "services", "cache", "before_script", "after_script", "spec", "types");

    /** GitLab's deprecated top-level forms of {@code default:} keywords. */
    public static final Set<String> DEPRECATED_GLOBALS = Set.of("image", "services", "cache", "before_script",
            "after_script");

    public static final Map<String, String> REFUSED_GLOBAL = Map.of(
            "spec", "CI/CD inputs (spec:inputs) are not supported",
            "types", "'types' was removed from GitLab; write 'stages'");

    /** Job keywords the compiler reads into the job's spec. */
    public static final Set<String> JOB = Set.of("script", "before_script", "after_script", "stage", "needs",
            "dependencies", "rules", "when", "start_in", "allow_failure", "retry", "timeout", "parallel", "artifacts",
            "cache", "resource_group", "interruptible", "environment", "tags", "coverage", "only", "except",
            "trigger", "variables", "inherit", "extends", "image", "services", "secrets");

    /** Job keywords accepted but without effect here, with the warning's reason. */
    public static final Map<String, String> WARNED = Map.of(
            "id_tokens", "no ID token is issued, so the variables it names stay unset",
            "release", "no release is created",
            "pages", "no Pages site is published",
            "manual_confirmation", "the confirmation message is not shown before a manual job starts");

    /** Job keywords refused, with the reason. */
    public static final Map<String, String> REFUSED = Map.of(
            "hooks", "job hooks (pre_get_sources_script) are not supported",
            "dast_configuration", "DAST site and scanner profiles are not available",
            "identity", "cloud identity federation is not available",
            "run", "CI/CD steps (run:) are not supported");

    /** The keywords {@code default:} may set. */
    public static final Set<String> DEFAULTABLE = Set.of("after_script", "artifacts", "before_script", "cache",
            "hooks", "id_tokens", "image", "interruptible", "retry", "services", "tags", "timeout", "identity");

    /** Why {@code image} and {@code services} are recorded but have no effect. */
    public static final String EXECUTOR_IGNORES = "the shell and sandbox executors run jobs on the runner's host and "
            + "ignore it (it is recorded)";
}

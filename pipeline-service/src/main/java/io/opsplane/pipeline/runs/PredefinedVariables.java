package io.opsplane.pipeline.runs;

import io.opsplane.pipeline.definition.model.EnvironmentSpec;
import io.opsplane.pipeline.definition.model.JobSpec;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** GitLab's predefined CI_* variables, as far as they mean something here. */
final class PredefinedVariables {

    static final String DEFAULT_BRANCH = "main";

    private PredefinedVariables() {
    }

    /** The variables of the run, which rules may test. */
    static Map<String, String> ofRun(RunTrigger trigger, UUID runId) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("CI", "true");
        variables.put("OPSPLANE", "true");
        variables.put("CI_SERVER_NAME", "Opsplane");
        variables.put("CI_PIPELINE_ID", runId.toString());
        variables.put("CI_PIPELINE_SOURCE", trigger.pipelineSource());
        variables.put("CI_PROJECT_NAME", trigger.pipelineName());
        variables.put("CI_PROJECT_PATH", trigger.pipelineName());
        variables.put("CI_DEFAULT_BRANCH", DEFAULT_BRANCH);
        variables.put("CI_COMMIT_REF_NAME", trigger.refName());
        variables.put("CI_COMMIT_REF_SLUG", slug(trigger.refName()));
        if (trigger.isTag()) {
            variables.put("CI_COMMIT_TAG", trigger.refName());
        } else {
            variables.put("CI_COMMIT_BRANCH", trigger.refName());
        }
        variables.put("CI_COMMIT_SHA", trigger.commitSha());
        variables.put("CI_COMMIT_SHORT_SHA", trigger.commitSha().length() > 8 ? trigger.commitSha().substring(0, 8)
                : trigger.commitSha());
        variables.put("GITLAB_USER_LOGIN", trigger.triggeredBy());
        return variables;
    }

    /** What each job adds: its own name, stage, parallel index and environment. */
    static Map<String, String> ofJob(JobSpec job) {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("CI_JOB_NAME", job.name());
        variables.put("CI_JOB_STAGE", job.stage());
        if (job.parallelTotal() > 0) {
            variables.put("CI_NODE_INDEX", String.valueOf(job.parallelIndex()));
            variables.put("CI_NODE_TOTAL", String.valueOf(job.parallelTotal()));
        }
        job.environment().ifPresent(environment -> environment(variables, environment));
        return variables;
    }

    private static void environment(Map<String, String> variables, EnvironmentSpec environment) {
        variables.put("CI_ENVIRONMENT_NAME", environment.name());
        variables.put("CI_ENVIRONMENT_SLUG", slug(environment.name()));
        if (environment.url() != null && !environment.url().isBlank()) {
            variables.put("CI_ENVIRONMENT_URL", environment.url());
        }
        variables.put("CI_ENVIRONMENT_ACTION", environment.action() == null ? "start" : environment.action());
    }

    /** GitLab's slug: lowercase, [a-z0-9] kept, others to '-', at most 63, no leading or trailing '-'. */
    static String slug(String value) {
        String slug = value.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-");
        if (slug.length() > 63) {
            slug = slug.substring(0, 63);
        }
        return slug.replaceAll("^-+|-+$", "");
    }
}

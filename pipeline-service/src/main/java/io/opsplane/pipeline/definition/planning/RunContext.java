package io.opsplane.pipeline.definition.planning;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a run knows when it is created.
 *
 * @param predefined   GitLab's predefined variables for the run: {@code CI_PIPELINE_SOURCE} (push, web, api,
 *                     schedule, trigger, pipeline, parent_pipeline, merge_request_event), {@code CI_COMMIT_REF_NAME},
 *                     {@code CI_COMMIT_BRANCH} or {@code CI_COMMIT_TAG}, {@code CI_DEFAULT_BRANCH},
 *                     {@code CI_PROJECT_PATH}...; the definition's variables override them
 * @param variables    the run's own variables (trigger, schedule, manual or API variables), which override the
 *                     definition's, as in GitLab
 * @param changedFiles the files the run changes, for {@code changes}; empty when unknown (a new branch, a tag, a
 *                     schedule...), in which case {@code changes} holds, as in GitLab
 * @param files        the repository's files at the run's commit, for {@code exists}
 */
public record RunContext(Map<String, String> predefined, Map<String, String> variables,
        Optional<Set<String>> changedFiles, Set<String> files) {

    public RunContext {
        predefined = Map.copyOf(predefined);
        variables = Map.copyOf(variables);
        changedFiles = changedFiles.map(Set::copyOf);
        files = Set.copyOf(files);
    }

    /** A run with these predefined variables, no variables of its own, unknown changes and no files. */
    public static RunContext of(Map<String, String> predefined) {
        return new RunContext(predefined, Map.of(), Optional.empty(), Set.of());
    }

    public RunContext withVariables(Map<String, String> runVariables) {
        return new RunContext(predefined, runVariables, changedFiles, files);
    }

    public RunContext withChangedFiles(Set<String> changed) {
        return new RunContext(predefined, variables, Optional.of(changed), files);
    }

    public RunContext withFiles(Set<String> repositoryFiles) {
        return new RunContext(predefined, variables, changedFiles, repositoryFiles);
    }
}

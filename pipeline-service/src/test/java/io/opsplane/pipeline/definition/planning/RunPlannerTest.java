package io.opsplane.pipeline.definition.planning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opsplane.pipeline.definition.GitlabCiCompiler;
import io.opsplane.pipeline.definition.IncludeResolver;
import io.opsplane.pipeline.definition.InvalidDefinitionException;
import io.opsplane.pipeline.definition.model.AllowFailureSpec;
import io.opsplane.pipeline.definition.model.NeedSpec;
import io.opsplane.pipeline.definition.model.PipelineSpec;
import io.opsplane.pipeline.definition.model.When;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RunPlannerTest {

    private final RunPlanner planner = new RunPlanner();

    private static PipelineSpec spec(String yaml) throws InvalidDefinitionException {
        return new GitlabCiCompiler().compile(yaml, IncludeResolver.none());
    }

    /** A push of {@code branch} to group/project, whose default branch is main. */
    private static RunContext push(String branch) {
        return RunContext.of(Map.of("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_BRANCH", branch, "CI_COMMIT_REF_NAME",
                branch, "CI_DEFAULT_BRANCH", "main", "CI_PROJECT_PATH", "group/project"));
    }

    private static RunContext tag(String tag) {
        return RunContext.of(Map.of("CI_PIPELINE_SOURCE", "push", "CI_COMMIT_TAG", tag, "CI_COMMIT_REF_NAME", tag,
                "CI_DEFAULT_BRANCH", "main", "CI_PROJECT_PATH", "group/project"));
    }

    private static RunContext source(String source, String branch) {
        return RunContext.of(Map.of("CI_PIPELINE_SOURCE", source, "CI_COMMIT_BRANCH", branch, "CI_COMMIT_REF_NAME",
                branch, "CI_DEFAULT_BRANCH", "main", "CI_PROJECT_PATH", "group/project"));
    }

    private static RunContext mergeRequest(String sourceBranch) {
        return RunContext.of(Map.of("CI_PIPELINE_SOURCE", "merge_request_event", "CI_COMMIT_REF_NAME", sourceBranch,
                "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", sourceBranch, "CI_MERGE_REQUEST_IID", "7",
                "CI_DEFAULT_BRANCH", "main", "CI_PROJECT_PATH", "group/project"));
    }

    private static List<String> names(PlannedRun run) {
        return run.jobs().stream().map(PlannedJob::name).toList();
    }

    private static PlannedJob job(PlannedRun run, String name) {
        return run.job(name).orElseThrow(() -> new AssertionError("no job " + name + " in " + names(run)));
    }

    @Nested
    class Workflow {

        private static final String DEFINITION = """
                variables: {LEVEL: global}
                workflow:
                  rules:
                    - if: $CI_COMMIT_TAG
                      when: never
                    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
                      variables: {LEVEL: workflow, DEPLOY: "true"}
                    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
                job: {script: x, rules: [{when: always}]}
                """;

        @Test
        void aMatchingRuleAllowsTheRunAndSetsItsVariables() throws Exception {
            PlannedRun run = planner.plan(spec(DEFINITION), push("main"));

            assertTrue(run.created());
            assertEquals(Map.of("LEVEL", "workflow", "DEPLOY", "true"), run.variables());
            assertEquals(Map.of("LEVEL", "workflow", "DEPLOY", "true"), job(run, "job").variables());
        }

        @Test
        void whenNeverRefusesTheRunWithAReason() throws Exception {
            PlannedRun run = planner.plan(spec(DEFINITION), tag("v1.0"));

            assertFalse(run.created());
            assertEquals(Optional.of("workflow:rules exclude this run (the matching entry is when: never, if: "
                    + "$CI_COMMIT_TAG)"), run.refusal());
            assertEquals(List.of(), run.jobs());
        }

        @Test
        void noMatchingRuleRefusesTheRun() throws Exception {
            PlannedRun run = planner.plan(spec(DEFINITION), push("feature"));

            assertEquals(Optional.of("no workflow:rules entry matches this run"), run.refusal());
        }

        @Test
        void runVariablesOverrideTheDefinitionsAndTakePartInTheRules() throws Exception {
            PlannedRun run = planner.plan(spec(DEFINITION), push("feature")
                    .withVariables(Map.of("CI_COMMIT_BRANCH", "main", "LEVEL", "run")));

            assertTrue(run.created());
            assertEquals("run", run.variables().get("LEVEL"));
        }
    }

    @Nested
    class Rules {

        private static final String DEFINITION = """
                stages: [build, test, deploy]
                build: {stage: build, script: x}
                main-only:
                  stage: test
                  script: x
                  rules:
                    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
                manual-by-rule:
                  stage: test
                  script: x
                  rules:
                    - if: $CI_COMMIT_BRANCH
                      when: manual
                manual-allowed:
                  stage: test
                  script: x
                  rules:
                    - when: manual
                      allow_failure: true
                manual-job:
                  stage: test
                  script: x
                  when: manual
                manual-default-for-rules:
                  stage: test
                  script: x
                  when: manual
                  rules:
                    - if: $CI_COMMIT_BRANCH
                delayed:
                  stage: deploy
                  script: x
                  rules:
                    - if: $CI_COMMIT_BRANCH == "main"
                      when: delayed
                      start_in: 30 minutes
                    - when: never
                never: {stage: deploy, script: x, when: never}
                uses-job-variables:
                  stage: deploy
                  script: x
                  variables: {TARGET: staging}
                  rules:
                    - if: $TARGET == "staging" && $CI_JOB_STAGE == "deploy" && $CI_JOB_NAME == "uses-job-variables"
                      variables: {TARGET: production}
                """;

        @Test
        void theFirstMatchingRuleDecidesWhenAndAllowFailure() throws Exception {
            PlannedRun run = planner.plan(spec(DEFINITION), push("main"));

            assertEquals(List.of("build", "main-only", "manual-by-rule", "manual-allowed", "manual-job",
                    "manual-default-for-rules", "delayed", "uses-job-variables"), names(run));
            assertEquals(When.ON_SUCCESS, job(run, "main-only").when());
            assertEquals(When.MANUAL, job(run, "manual-by-rule").when());
            assertEquals(AllowFailureSpec.NO, job(run, "manual-by-rule").allowFailure());
            assertEquals(AllowFailureSpec.YES, job(run, "manual-allowed").allowFailure());
            assertEquals(AllowFailureSpec.YES, job(run, "manual-job").allowFailure());
            assertEquals(When.MANUAL, job(run, "manual-default-for-rules").when());
            assertEquals(AllowFailureSpec.YES, job(run, "manual-default-for-rules").allowFailure());
            assertEquals(When.DELAYED, job(run, "delayed").when());
            assertEquals(Duration.ofMinutes(30), job(run, "delayed").startIn());
            assertEquals(Map.of("TARGET", "production"), job(run, "uses-job-variables").variables());
        }

        @Test
        void jobsWithoutAMatchingRuleOrWithWhenNeverAreDropped() throws Exception {
            PlannedRun run = planner.plan(spec(DEFINITION), push("feature"));

            assertFalse(names(run).contains("main-only"));
            assertFalse(names(run).contains("delayed"));
            assertFalse(names(run).contains("never"));
            assertEquals(List.of("build", "test", "deploy"), run.stages());
        }

        @Test
        void stagesWithoutJobsAreDropped() throws Exception {
            PlannedRun run = planner.plan(spec("""
                    stages: [build, test, deploy]
                    a: {stage: build, script: x}
                    b: {stage: deploy, script: x, rules: [{if: $NOPE}]}
                    """), push("main"));

            assertEquals(List.of("build"), run.stages());
        }

        @Test
        void aRunWithoutAnyJobIsRefused() throws Exception {
            PlannedRun run = planner.plan(spec("a: {script: x, rules: [{if: $NOPE}]}\n"), push("main"));

            assertEquals(Optional.of("no job would run: rules, only/except or when: never exclude every job"),
                    run.refusal());
        }

        static Stream<Arguments> changes() {
            return Stream.of(
                    Arguments.of(Optional.empty(), true),
                    Arguments.of(Optional.of(Set.of("src/main.c")), true),
                    Arguments.of(Optional.of(Set.of("lib/deep/util.c")), true),
                    Arguments.of(Optional.of(Set.of("docs/index.md")), false),
                    Arguments.of(Optional.of(Set.of()), false));
        }

        @ParameterizedTest(name = "changed {0} → {1}")
        @MethodSource("changes")
        void changesHoldWhenAChangedFileMatchesOrWhenChangesAreUnknown(Optional<Set<String>> changed, boolean runs)
                throws Exception {
            PipelineSpec spec = spec("c: {script: x, rules: [{changes: ['**/*.c', '$SRC/*.h']}]}\n"
                    + "other: {script: x}\n");
            RunContext context = push("main");
            if (changed.isPresent()) {
                context = context.withChangedFiles(changed.get());
            }

            assertEquals(runs, planner.plan(spec, context).job("c").isPresent());
        }

        @Test
        void changesPathsExpandVariables() throws Exception {
            PipelineSpec spec = spec("variables: {SRC: include}\nc: {script: x, rules: [{changes: ['$SRC/*.h']}]}\n"
                    + "other: {script: x}\n");

            assertTrue(planner.plan(spec, push("main").withChangedFiles(Set.of("include/a.h"))).job("c").isPresent());
            assertFalse(planner.plan(spec, push("main").withChangedFiles(Set.of("src/a.h"))).job("c").isPresent());
        }

        @Test
        void existsLooksAtTheRepositorysFiles() throws Exception {
            PipelineSpec spec = spec("d: {script: x, rules: [{exists: [Dockerfile, 'docker/**/Dockerfile']}]}\n"
                    + "other: {script: x}\n");

            assertTrue(planner.plan(spec, push("main").withFiles(Set.of("docker/base/Dockerfile"))).job("d")
                    .isPresent());
            assertFalse(planner.plan(spec, push("main").withFiles(Set.of("README.md"))).job("d").isPresent());
        }
    }

    /** a ref list and a run: whether the job runs. */
    static Stream<Arguments> onlyRefs() {
        return Stream.of(
                Arguments.of("only: [main]", push("main"), true),
                Arguments.of("only: [main]", push("dev"), false),
                Arguments.of("only: [branches]", push("dev"), true),
                Arguments.of("only: [branches]", tag("v1"), false),
                Arguments.of("only: [tags]", tag("v1"), true),
                Arguments.of("only: [tags]", push("main"), false),
                Arguments.of("only: ['/^release-.*$/']", push("release-1.2"), true),
                Arguments.of("only: ['/^release-.*$/']", push("main"), false),
                Arguments.of("only: ['/^V/i']", tag("v2"), true),
                Arguments.of("only: [merge_requests]", mergeRequest("feature"), true),
                Arguments.of("only: [merge_requests]", push("feature"), false),
                Arguments.of("only: [schedules]", source("schedule", "main"), true),
                Arguments.of("only: [web]", source("web", "main"), true),
                Arguments.of("only: [api]", source("api", "main"), true),
                Arguments.of("only: [triggers]", source("trigger", "main"), true),
                Arguments.of("only: [pipelines]", source("pipeline", "main"), true),
                Arguments.of("only: [pushes]", push("main"), true),
                Arguments.of("only: [pushes]", source("web", "main"), false),
                Arguments.of("only: [main@group/project]", push("main"), true),
                Arguments.of("only: [main@other/project]", push("main"), false),
                Arguments.of("except: [main]", push("main"), false),
                Arguments.of("except: [main]", push("dev"), true),
                Arguments.of("except: [master@gnutls/gnutls]", push("master"), true),
                Arguments.of("except: [tags]", tag("v1"), false),
                // without only, GitLab's default only: [branches, tags] leaves merge request pipelines out
                Arguments.of("stage: test", mergeRequest("feature"), false),
                Arguments.of("stage: test", tag("v1"), true),
                Arguments.of("except: [main]", mergeRequest("feature"), false),
                Arguments.of("only: {refs: [branches], variables: [$DEPLOY == \"yes\"]}",
                        push("main").withVariables(Map.of("DEPLOY", "yes")), true),
                Arguments.of("only: {refs: [branches], variables: [$DEPLOY == \"yes\"]}", push("main"), false),
                Arguments.of("only: {variables: [$A, $B]}", push("main").withVariables(Map.of("B", "1")), true),
                Arguments.of("except: {variables: [$SKIP]}", push("main").withVariables(Map.of("SKIP", "1")), false),
                Arguments.of("only: {changes: [docs/*]}", push("main").withChangedFiles(Set.of("docs/a.md")), true),
                Arguments.of("only: {changes: [docs/*]}", push("main").withChangedFiles(Set.of("src/a.c")), false),
                Arguments.of("only: {changes: [docs/*]}", push("main"), true),
                Arguments.of("except: {changes: [docs/*]}", push("main").withChangedFiles(Set.of("src/a.c")), true));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("onlyRefs")
    void onlyAndExceptAsGitlabDecidesThem(String keywords, RunContext context, boolean runs) throws Exception {
        PipelineSpec spec = spec("job: {script: x, " + keywords + "}\nanchor: {script: x, rules: [{when: always}]}\n");

        assertEquals(runs, planner.plan(spec, context).job("job").isPresent());
    }

    @Nested
    class NeedsAndVariables {

        private static final String DEFINITION = """
                stages: [build, test]
                compile: {stage: build, script: x}
                docs: {stage: build, script: x, rules: [{if: $DOCS}]}
                test:
                  stage: test
                  script: x
                  needs: [compile, {job: docs, optional: true}]
                  dependencies: [compile, docs]
                strict:
                  stage: test
                  script: x
                  needs: [docs]
                  rules: [{if: $STRICT}]
                """;

        @Test
        void anOptionalNeedOnAJobThisRunLacksIsDropped() throws Exception {
            PlannedRun run = planner.plan(spec(DEFINITION), push("main"));

            assertEquals(Optional.of(List.of(new NeedSpec("compile", true, false))), job(run, "test").needs());
            assertEquals(Optional.of(List.of("compile")), job(run, "test").dependencies());
        }

        @Test
        void anOptionalNeedOnAJobThisRunHasIsKept() throws Exception {
            PlannedRun run = planner.plan(spec(DEFINITION), push("main").withVariables(Map.of("DOCS", "1")));

            assertEquals(List.of("compile", "docs"), job(run, "test").needs().orElseThrow().stream()
                    .map(NeedSpec::job).toList());
        }

        @Test
        void aRequiredNeedOnAJobThisRunLacksRefusesTheRun() throws Exception {
            PlannedRun run = planner.plan(spec(DEFINITION), push("main").withVariables(Map.of("STRICT", "1")));

            assertEquals(Optional.of("'strict' job needs 'docs' job, but 'docs' is not in any previous stage"),
                    run.refusal());
        }

        @Test
        void variablesLayerAsInGitlab() throws Exception {
            PipelineSpec spec = spec("""
                    variables: {A: global, B: global, C: global, D: global, E: global}
                    workflow:
                      rules:
                        - variables: {B: workflow, C: workflow, D: workflow, E: workflow}
                    job:
                      script: x
                      variables: {C: job, D: job, E: job}
                      rules:
                        - variables: {D: rule, E: rule}
                    isolated:
                      script: x
                      inherit: {variables: [A]}
                      variables: {OWN: own}
                    """);
            RunContext context = push("main").withVariables(Map.of("E", "run"));

            PlannedRun run = planner.plan(spec, context);

            assertEquals(Map.of("A", "global", "B", "workflow", "C", "job", "D", "rule", "E", "run"),
                    job(run, "job").variables());
            assertEquals(Map.of("A", "global", "OWN", "own", "E", "run"), job(run, "isolated").variables());
        }

        @Test
        void theDefinitionsVariablesOverridePredefinedOnesInRules() throws Exception {
            PipelineSpec spec = spec("variables: {CI_PROJECT_PATH: pinned}\n"
                    + "job: {script: x, rules: [{if: $CI_PROJECT_PATH == \"pinned\"}]}\n");

            assertTrue(planner.plan(spec, push("main")).job("job").isPresent());
        }

        @Test
        void parallelJobsSeeTheirNodeIndexInRules() throws Exception {
            PipelineSpec spec = spec("job: {script: x, parallel: 3, rules: [{if: $CI_NODE_INDEX == \"2\"}]}\n");

            assertEquals(List.of("job 2/3"), names(planner.plan(spec, push("main"))));
        }
    }

    @Nested
    class CorpusRuns {

        private PipelineSpec corpus(String name) throws Exception {
            Path file = Stream.of(Path.of("..", "..", "shared", "corpus", "gitlab-ci", name),
                    Path.of("..", "shared", "corpus", "gitlab-ci", name)).filter(Files::isRegularFile).findFirst()
                    .orElse(null);
            assumeTrue(file != null, "the shared corpus is not here");
            return new GitlabCiCompiler().compile(Files.readString(file), IncludeResolver.none());
        }

        @Test
        void gstreamerOnAScheduleRunsItsTriggerJobAutomatically() throws Exception {
            Map<String, String> predefined = new HashMap<>(Map.of("CI_PIPELINE_SOURCE", "schedule",
                    "CI_COMMIT_BRANCH", "main", "CI_COMMIT_REF_NAME", "main", "CI_DEFAULT_BRANCH", "main",
                    "CI_COMMIT_REF_PROTECTED", "true"));

            PlannedRun run = planner.plan(corpus("GStreamer__orc.yml"), RunContext.of(predefined));

            assertTrue(run.created(), () -> run.refusal().orElse(""));
            assertEquals(When.ON_SUCCESS, job(run, "trigger").when());
            assertEquals(When.MANUAL, job(run, "pages").when());
            assertEquals(List.of("trigger"), job(run, "debian stable").needs().orElseThrow().stream()
                    .map(NeedSpec::job).toList());
        }

        @Test
        void gstreamerOnAnUnprotectedBranchPushIsFilteredOut() throws Exception {
            PlannedRun run = planner.plan(corpus("GStreamer__orc.yml"), push("feature"));

            assertEquals(Optional.of("no workflow:rules entry matches this run"), run.refusal());
        }

        @Test
        void fdroidOnAMergeRequestRunsOnlyTheJobsWhoseChangesMatch() throws Exception {
            PlannedRun run = planner.plan(corpus("f-droid__fdroidserver.yml"), mergeRequest("feature")
                    .withChangedFiles(Set.of("fdroidserver/common.py")));

            assertTrue(run.created(), () -> run.refusal().orElse(""));
            assertTrue(names(run).contains("pylint"));
            assertTrue(names(run).contains("fdroid build"));
            assertFalse(names(run).contains("yamllint"));
            // jobs without rules keep GitLab's default only: [branches, tags]
            assertFalse(names(run).contains("black"));
            assertEquals(List.of("lint", "test"), run.stages());
        }

        @Test
        void postmarketOsOnATagRunsItsOnlyJobs() throws Exception {
            PlannedRun run = planner.plan(corpus("postmarketOS-mirror__pmbootstrap.yml"), tag("1.30.0"));

            assertEquals(List.of("static-code-analysis", "vermin", "test-pmbootstrap"), names(run));
        }
    }
}

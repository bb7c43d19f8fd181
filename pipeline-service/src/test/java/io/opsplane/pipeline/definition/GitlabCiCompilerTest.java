package io.opsplane.pipeline.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.pipeline.definition.model.AllowFailureSpec;
import io.opsplane.pipeline.definition.model.ArtifactsSpec;
import io.opsplane.pipeline.definition.model.CacheSpec;
import io.opsplane.pipeline.definition.model.EnvironmentSpec;
import io.opsplane.pipeline.definition.model.InheritedVariables;
import io.opsplane.pipeline.definition.model.JobSpec;
import io.opsplane.pipeline.definition.model.NeedSpec;
import io.opsplane.pipeline.definition.model.OnlyExceptSpec;
import io.opsplane.pipeline.definition.model.PipelineSpec;
import io.opsplane.pipeline.definition.model.RetrySpec;
import io.opsplane.pipeline.definition.model.RuleSpec;
import io.opsplane.pipeline.definition.model.TriggerSpec;
import io.opsplane.pipeline.definition.model.VariableSpec;
import io.opsplane.pipeline.definition.model.When;
import java.time.Duration;
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
import org.junit.jupiter.params.provider.ValueSource;

class GitlabCiCompilerTest {

    private final GitlabCiCompiler compiler = new GitlabCiCompiler();

    private PipelineSpec compile(String yaml) throws InvalidDefinitionException {
        return compiler.compile(yaml, IncludeResolver.none());
    }

    private static JobSpec job(PipelineSpec spec, String name) {
        return spec.jobs().stream().filter(job -> job.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no job " + name + " in " + names(spec)));
    }

    private static List<String> names(PipelineSpec spec) {
        return spec.jobs().stream().map(JobSpec::name).toList();
    }

    private static List<String> needs(JobSpec job) {
        return job.needs().orElseThrow().stream().map(NeedSpec::job).toList();
    }

    private InvalidDefinitionException refused(String yaml) {
        return assertThrows(InvalidDefinitionException.class, () -> compile(yaml));
    }

    @Nested
    class Secrets {

        @Test
        void opsplaneSecretsNameTheVariableAndTheSecretOfThePipeline() throws Exception {
            PipelineSpec spec = compile("""
                    .creds:
                      secrets:
                        DB_PASSWORD: {opsplane: db-password}
                    deploy:
                      extends: .creds
                      script: ./deploy
                      secrets:
                        API_KEY:
                          opsplane: api_key
                          file: false
                    """);

            assertEquals(Map.of("DB_PASSWORD", "db-password", "API_KEY", "api_key"), job(spec, "deploy").secrets());
        }

        @Test
        void aSecretNeedsItsName() {
            InvalidDefinitionException e = refused("job:\n  script: x\n  secrets:\n    A: {file: false}\n");
            assertTrue(e.problem().contains("name the secret with 'opsplane: <secret name>'"), e.describe());
        }
    }

    @Nested
    class StagesAndVariables {

        @Test
        void withoutStagesGitlabsDefaultsApplyAroundPreAndPost() throws Exception {
            PipelineSpec spec = compile("a:\n  script: make\n");

            assertEquals(List.of(".pre", "build", "test", "deploy", ".post"), spec.stages());
            assertEquals("test", job(spec, "a").stage());
        }

        @Test
        void writtenStagesKeepTheirOrderAndPreAndPostStayAtTheEnds() throws Exception {
            PipelineSpec spec = compile("stages: [.post, lint, ship, .pre]\na: {stage: .pre, script: x}\n"
                    + "b: {stage: ship, script: y}\n");

            assertEquals(List.of(".pre", "lint", "ship", ".post"), spec.stages());
        }

        @Test
        void variablesBecomeStringsAndKeepDescriptionsOptionsAndExpand() throws Exception {
            PipelineSpec spec = compile("""
                    variables:
                      DEPTH: 1
                      FLAG: true
                      RATIO: 1.5
                      EMPTY:
                      PLAIN: text
                      CHOSEN:
                        value: b
                        description: pick one
                        options: [a, b]
                      RAW:
                        value: $HOME
                        expand: false
                    job:
                      variables:
                        OWN: 0
                        LITERAL: {value: "$X", expand: false}
                      script: env
                    """);

            assertEquals(List.of("DEPTH", "FLAG", "RATIO", "EMPTY", "PLAIN", "CHOSEN", "RAW"),
                    List.copyOf(spec.variables().keySet()));
            assertEquals(VariableSpec.of("1"), spec.variables().get("DEPTH"));
            assertEquals("true", spec.variables().get("FLAG").value());
            assertEquals("1.5", spec.variables().get("RATIO").value());
            assertEquals("", spec.variables().get("EMPTY").value());
            assertEquals(new VariableSpec("b", "pick one", List.of("a", "b"), true), spec.variables().get("CHOSEN"));
            assertFalse(spec.variables().get("RAW").expand());
            JobSpec job = job(spec, "job");
            assertEquals(Map.of("OWN", "0", "LITERAL", "$X"), job.variables());
            assertEquals(Set.of("LITERAL"), job.rawVariables());
            assertEquals(InheritedVariables.ALL, job.inheritedVariables());
        }

        @Test
        void workflowRulesAndNameAreKept() throws Exception {
            PipelineSpec spec = compile("""
                    workflow:
                      name: 'Pipeline for $CI_COMMIT_REF_NAME'
                      rules:
                        - if: $CI_COMMIT_TAG
                          when: never
                        - if: $CI_COMMIT_BRANCH
                          variables: {DEPLOY: "yes"}
                        - when: always
                    job: {script: x}
                    """);

            assertEquals("Pipeline for $CI_COMMIT_REF_NAME", spec.name());
            assertEquals(3, spec.workflow().size());
            assertEquals(new RuleSpec("$CI_COMMIT_TAG", List.of(), List.of(), Optional.of(When.NEVER),
                    Optional.empty(), Optional.empty(), Map.of()), spec.workflow().get(0));
            assertEquals(Map.of("DEPLOY", "yes"), spec.workflow().get(1).variables());
        }
    }

    @Nested
    class DefaultsExtendsAndReferences {

        @Test
        void defaultFillsWhatAJobDoesNotSetAndInheritCanRefuseIt() throws Exception {
            PipelineSpec spec = compile("""
                    default:
                      before_script: [setup]
                      tags: [linux]
                      retry: 1
                      interruptible: true
                      timeout: 1h 30m
                    variables: {G: g}
                    plain: {script: a}
                    own: {script: b, tags: [mac], before_script: []}
                    none:
                      script: c
                      inherit: {default: false, variables: false}
                    some:
                      script: d
                      inherit: {default: [tags], variables: [G]}
                    """);

            JobSpec plain = job(spec, "plain");
            assertEquals(List.of("setup"), plain.beforeScript());
            assertEquals(List.of("linux"), plain.tags());
            assertEquals(1, plain.retry().max());
            assertTrue(plain.interruptible());
            assertEquals(Optional.of(Duration.ofMinutes(90)), plain.timeout());
            JobSpec own = job(spec, "own");
            assertEquals(List.of("mac"), own.tags());
            assertEquals(List.of(), own.beforeScript());
            JobSpec none = job(spec, "none");
            assertEquals(List.of(), none.beforeScript());
            assertEquals(RetrySpec.NONE, none.retry());
            assertEquals(InheritedVariables.NONE, none.inheritedVariables());
            JobSpec some = job(spec, "some");
            assertEquals(List.of("linux"), some.tags());
            assertEquals(List.of(), some.beforeScript());
            assertTrue(some.inheritedVariables().inherits("G"));
            assertFalse(some.inheritedVariables().inherits("H"));
        }

        @Test
        void deprecatedTopLevelKeywordsActAsDefaultsWithAWarning() throws Exception {
            PipelineSpec spec = compile("before_script: [global]\nimage: alpine\njob: {script: x}\n");

            assertEquals(List.of("global"), job(spec, "job").beforeScript());
            assertEquals("alpine", job(spec, "job").image());
            assertTrue(spec.warnings().stream().anyMatch(w -> w.contains("deprecated form of default:before_script")));
        }

        @Test
        void extendsMergesMapsDeepReplacesListsAndAppliesBasesInOrder() throws Exception {
            PipelineSpec spec = compile("""
                    .base:
                      variables: {A: base, B: base}
                      script: [one, two]
                      tags: [base]
                      artifacts: {paths: [out], when: always}
                    .middle:
                      extends: .base
                      variables: {B: middle, C: middle}
                      tags: [middle]
                    .other:
                      variables: {C: other}
                      stage: build
                    job:
                      extends: [.middle, .other]
                      variables: {D: own}
                      script: [three]
                    """);

            JobSpec job = job(spec, "job");
            assertEquals(Map.of("A", "base", "B", "middle", "C", "other", "D", "own"), job.variables());
            assertEquals(List.of("three"), job.script());
            assertEquals(List.of("middle"), job.tags());
            assertEquals("build", job.stage());
            assertEquals(List.of("out"), job.artifacts().orElseThrow().paths());
            assertEquals(List.of("job"), names(spec));
        }

        @Test
        void aJobMayExtendAnotherVisibleJob() throws Exception {
            PipelineSpec spec = compile("a: {script: x, stage: build}\nb: {extends: a, stage: deploy}\n");

            assertEquals(List.of("x"), job(spec, "b").script());
            assertEquals("deploy", job(spec, "b").stage());
        }

        @Test
        void anchorsAndMergeKeysFollowRubysOrder() throws Exception {
            PipelineSpec spec = compile("""
                    .tpl: &tpl
                      script: [from-anchor]
                      stage: build
                      tags: [anchored]
                    .more: &more
                      tags: [more]
                      when: manual
                    first:
                      <<: *tpl
                      stage: deploy
                    later:
                      stage: deploy
                      <<: [*more, *tpl]
                    """);

            assertEquals("deploy", job(spec, "first").stage());
            assertEquals(List.of("from-anchor"), job(spec, "first").script());
            // Psych: a merge written after a key replaces it; in a list of merges the first one wins.
            assertEquals("build", job(spec, "later").stage());
            assertEquals(List.of("more"), job(spec, "later").tags());
            assertEquals(When.MANUAL, job(spec, "later").when());
        }

        @Test
        void referencesAreResolvedAfterExtendsAndNestedListsFlattened() throws Exception {
            PipelineSpec spec = compile("""
                    .tag-name: linux
                    .setup:
                      before_script:
                        - echo setup
                        - [echo nested, [echo deeper]]
                    .tool:
                      extends: .setup
                      script: echo tool
                    .rules:
                      rules:
                        - if: $CI_COMMIT_TAG
                          when: never
                    .chained:
                      script: !reference [.tool, script]
                    job:
                      before_script:
                        - !reference [.tool, before_script]
                        - echo own
                      script:
                        - !reference [.chained, script]
                      tags: [!reference [.tag-name]]
                      rules:
                        - !reference [.rules, rules]
                        - when: manual
                    """);

            JobSpec job = job(spec, "job");
            assertEquals(List.of("echo setup", "echo nested", "echo deeper", "echo own"), job.beforeScript());
            assertEquals(List.of("echo tool"), job.script());
            assertEquals(List.of("linux"), job.tags());
            assertEquals(2, job.rules().size());
            assertEquals(Optional.of(When.MANUAL), job.rules().get(1).when());
        }

        @Test
        void aJobNamedTriggerIsAJob() throws Exception {
            PipelineSpec spec = compile("trigger:\n  script: echo go\nafter:\n  needs: [trigger]\n  script: x\n");

            assertEquals(List.of("trigger", "after"), names(spec));
            assertTrue(job(spec, "trigger").trigger().isEmpty());
            assertEquals(List.of("trigger"), needs(job(spec, "after")));
        }
    }

    @Nested
    class Includes {

        @Test
        void localIncludesMergeFirstAndTheIncludingFileOverridesThem() throws Exception {
            MapIncludeResolver files = new MapIncludeResolver()
                    .local("ci/base.yml", "include: ci/nested.yml\nvariables: {A: base}\n.tpl: {script: base}\n"
                            + "shared: {script: from-include, stage: build}\n")
                    .local("ci/nested.yml", "variables: {N: nested}\nnested-job: {script: n}\n")
                    .local("ci/more.yml", "variables: {A: more}\n");
            PipelineSpec spec = compiler.compile("""
                    include:
                      - /ci/base.yml
                      - local: ci/more.yml
                    variables: {B: root}
                    shared: {stage: test}
                    job: {extends: .tpl}
                    """, files);

            assertEquals(Map.of("N", "nested", "A", "more", "B", "root").keySet(), spec.variables().keySet());
            assertEquals("more", spec.variables().get("A").value());
            assertEquals(List.of("from-include"), job(spec, "shared").script());
            assertEquals("test", job(spec, "shared").stage());
            assertEquals(List.of("base"), job(spec, "job").script());
            assertEquals(List.of("nested-job", "shared", "job"), names(spec));
        }

        @Test
        void projectAndRemoteIncludesGoThroughTheResolver() throws Exception {
            MapIncludeResolver files = new MapIncludeResolver()
                    .project("group/templates", "v1", "ci/a.yml", "include: {local: ci/b.yml}\n.a: {script: a}\n")
                    .project("group/templates", "v1", "ci/b.yml", ".b: {script: b}\n")
                    .project("group/templates", "", "c.yml", ".c: {script: c}\n")
                    .remote("https://example.org/ci.yml", ".r: {script: r}\n");
            PipelineSpec spec = compiler.compile("""
                    include:
                      - project: group/templates
                        ref: v1
                        file: [/ci/a.yml]
                      - project: group/templates
                        file: c.yml
                      - remote: https://example.org/ci.yml
                    a: {extends: .a}
                    b: {extends: .b}
                    c: {extends: .c}
                    r: {extends: .r}
                    """, files);

            assertEquals(List.of("a", "b", "c", "r"), spec.jobs().stream().map(j -> j.script().get(0)).toList());
        }

        @Test
        void includeRulesAreDecidedWithTheKnownVariables() throws Exception {
            MapIncludeResolver files = new MapIncludeResolver()
                    .local("canonical.yml", ".tag: canonical\n")
                    .local("fork.yml", ".tag: fork\n");
            String yaml = """
                    include:
                      - local: canonical.yml
                        rules:
                          - if: $CI_PROJECT_PATH == "org/project"
                      - local: fork.yml
                        rules:
                          - if: $CI_PROJECT_PATH == "org/project"
                            when: never
                          - if: $CI_PROJECT_PATH
                    job: {script: x, tags: [!reference [.tag]]}
                    """;

            assertEquals(List.of("canonical"), job(compiler.compile(yaml, files,
                    Map.of("CI_PROJECT_PATH", "org/project")), "job").tags());
            assertEquals(List.of("fork"), job(compiler.compile(yaml, files,
                    Map.of("CI_PROJECT_PATH", "someone/project")), "job").tags());
        }
    }

    @Nested
    class JobKeywords {

        @Test
        void plainScalarsAreReadWithYaml11TypesAsGitlabReadsThem() throws Exception {
            PipelineSpec spec = compile("""
                    job:
                      script: x
                      allow_failure: yes
                      interruptible: On
                      needs: ~
                      variables: {TEXT: !!str 1, QUOTED: "on", ON_OFF: off}
                    """);

            JobSpec job = job(spec, "job");
            assertEquals(AllowFailureSpec.YES, job.allowFailure());
            assertTrue(job.interruptible());
            assertEquals(Optional.empty(), job.needs());
            assertEquals(Map.of("TEXT", "1", "QUOTED", "on", "ON_OFF", "false"), job.variables());
        }

        @Test
        void aQuotedMergeKeyIsAnOrdinaryKey() {
            InvalidDefinitionException e = refused("job:\n  script: x\n  '<<': {stage: build}\n");

            assertEquals("job 'job': keyword '<<': unknown keyword", e.problem());
        }

        @Test
        void scriptsAsStringsOrNestedLists() throws Exception {
            PipelineSpec spec = compile("a: {script: make}\nb: {script: [[one, [two]], three], after_script: bye}\n");

            assertEquals(List.of("make"), job(spec, "a").script());
            assertEquals(List.of("one", "two", "three"), job(spec, "b").script());
            assertEquals(List.of("bye"), job(spec, "b").afterScript());
        }

        @Test
        void rulesKeepEveryClause() throws Exception {
            PipelineSpec spec = compile("""
                    job:
                      script: x
                      rules:
                        - if: $CI_COMMIT_BRANCH == "main"
                          changes: {paths: [src/**/*], compare_to: main}
                          exists: [Dockerfile]
                          when: delayed
                          start_in: 10 minutes
                          allow_failure: true
                          variables: {LEVEL: 2}
                        - changes: [docs/*]
                          when: manual
                    """);

            RuleSpec first = job(spec, "job").rules().get(0);
            assertEquals(new RuleSpec("$CI_COMMIT_BRANCH == \"main\"", List.of("src/**/*"), List.of("Dockerfile"),
                    Optional.of(When.DELAYED), Optional.of(Duration.ofMinutes(10)), Optional.of(true),
                    Map.of("LEVEL", "2")), first);
            assertEquals(List.of("docs/*"), job(spec, "job").rules().get(1).changes());
            assertTrue(spec.warnings().stream().anyMatch(w -> w.contains("compare_to")));
        }

        static Stream<Arguments> allowFailures() {
            return Stream.of(
                    Arguments.of("script: x", AllowFailureSpec.NO),
                    Arguments.of("script: x\n  when: manual", AllowFailureSpec.YES),
                    Arguments.of("script: x\n  when: manual\n  allow_failure: false", AllowFailureSpec.NO),
                    Arguments.of("script: x\n  rules: [{when: manual}]", AllowFailureSpec.NO),
                    Arguments.of("script: x\n  allow_failure: true", AllowFailureSpec.YES),
                    Arguments.of("script: x\n  allow_failure: {exit_codes: 137}",
                            new AllowFailureSpec(false, Set.of(137))),
                    Arguments.of("script: x\n  allow_failure: {exit_codes: [1, 77]}",
                            new AllowFailureSpec(false, Set.of(1, 77))));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("allowFailures")
        void allowFailureFollowsGitlabsDefaults(String body, AllowFailureSpec expected) throws Exception {
            assertEquals(expected, job(compile("job:\n  " + body + "\n"), "job").allowFailure());
        }

        static Stream<Arguments> retries() {
            return Stream.of(
                    Arguments.of("2", new RetrySpec(2, Set.of("always"), Set.of())),
                    Arguments.of("{max: 1, when: runner_system_failure}",
                            new RetrySpec(1, Set.of("runner_system_failure"), Set.of())),
                    Arguments.of("{max: 2, when: [api_failure, script_failure], exit_codes: [137, 255]}",
                            new RetrySpec(2, Set.of("api_failure", "script_failure"), Set.of(137, 255))),
                    Arguments.of("{max: 2, exit_codes: 1}", new RetrySpec(2, Set.of(), Set.of(1))));
        }

        @ParameterizedTest(name = "retry: {0}")
        @MethodSource("retries")
        void retryFormsAreRead(String retry, RetrySpec expected) throws Exception {
            assertEquals(expected, job(compile("job: {script: x, retry: " + retry + "}\n"), "job").retry());
        }

        static Stream<Arguments> timeouts() {
            return Stream.of(
                    Arguments.of("1h 30m", Duration.ofMinutes(90)),
                    Arguments.of("3 hours", Duration.ofHours(3)),
                    Arguments.of("10 minutes", Duration.ofMinutes(10)),
                    Arguments.of("90s", Duration.ofSeconds(90)),
                    Arguments.of("1d", Duration.ofDays(1)),
                    Arguments.of("45 minutes", Duration.ofMinutes(45)),
                    Arguments.of("2h", Duration.ofHours(2)),
                    Arguments.of("1 hour and 30 minutes", Duration.ofMinutes(90)),
                    Arguments.of("1.5h", Duration.ofMinutes(90)),
                    Arguments.of("3600", Duration.ofHours(1)),
                    Arguments.of("01:30:00", Duration.ofMinutes(90)),
                    Arguments.of("1 week", Duration.ofDays(7)));
        }

        @ParameterizedTest(name = "timeout: {0}")
        @MethodSource("timeouts")
        void timeoutsAreGitlabHumanDurations(String text, Duration expected) throws Exception {
            assertEquals(Optional.of(expected), job(compile("job: {script: x, timeout: " + text + "}\n"), "job")
                    .timeout());
        }

        @Test
        void parallelNumbersItsJobs() throws Exception {
            PipelineSpec spec = compile("test: {script: x, parallel: 3}\n");

            assertEquals(List.of("test 1/3", "test 2/3", "test 3/3"), names(spec));
            assertEquals(2, job(spec, "test 2/3").parallelIndex());
            assertEquals(3, job(spec, "test 2/3").parallelTotal());
        }

        @Test
        void parallelMatrixNamesJobsAsGitlabAndSetsTheirVariables() throws Exception {
            PipelineSpec spec = compile("""
                    build:
                      script: x
                      variables: {ARCH: none, KEEP: yes}
                      parallel:
                        matrix:
                          - ARCH: [amd64, arm64]
                            OS: linux
                          - ARCH: riscv64
                            OS: [linux, bsd]
                    """);

            assertEquals(List.of("build: [amd64, linux]", "build: [arm64, linux]", "build: [riscv64, linux]",
                    "build: [riscv64, bsd]"), names(spec));
            JobSpec arm = job(spec, "build: [arm64, linux]");
            assertEquals(Map.of("ARCH", "arm64", "OS", "linux"), arm.matrix());
            assertEquals(Map.of("ARCH", "arm64", "KEEP", "true", "OS", "linux"), arm.variables());
            assertEquals(0, arm.parallelIndex());
        }

        @Test
        void needsResolveParallelJobsAndMatrixSelections() throws Exception {
            PipelineSpec spec = compile("""
                    stages: [build, test]
                    compile:
                      stage: build
                      script: x
                      parallel: {matrix: [{ARCH: [amd64, arm64]}]}
                    lint: {stage: build, script: x, parallel: 2}
                    all:
                      stage: test
                      script: x
                      needs: [compile, {job: lint, artifacts: false}, {job: ghost, optional: true}]
                    same-arch:
                      stage: test
                      script: x
                      parallel: {matrix: [{ARCH: [amd64, arm64]}]}
                      needs:
                        - job: compile
                          parallel: {matrix: [{ARCH: ['$[[ matrix.ARCH ]]']}]}
                    one: {stage: test, script: x, needs: ["compile: [arm64]", "lint 2/2"]}
                    none: {stage: test, script: x, needs: []}
                    """);

            assertEquals(List.of(new NeedSpec("compile: [amd64]", true, false),
                    new NeedSpec("compile: [arm64]", true, false), new NeedSpec("lint 1/2", false, false),
                    new NeedSpec("lint 2/2", false, false), new NeedSpec("ghost", true, true)),
                    job(spec, "all").needs().orElseThrow());
            assertEquals(List.of("compile: [arm64]"), needs(job(spec, "same-arch: [arm64]")));
            assertEquals(List.of("compile: [arm64]", "lint 2/2"), needs(job(spec, "one")));
            assertEquals(Optional.of(List.of()), job(spec, "none").needs());
            assertEquals(Optional.empty(), job(spec, "compile: [amd64]").needs());
        }

        @Test
        void artifactsCacheEnvironmentAndTheRestAreRecorded() throws Exception {
            PipelineSpec spec = compile("""
                    deploy:
                      stage: deploy
                      script: x
                      artifacts:
                        name: "$CI_JOB_NAME"
                        paths: [dist/]
                        exclude: [dist/*.tmp]
                        untracked: true
                        when: on_failure
                        expire_in: 1 week
                        reports: {junit: report.xml}
                      cache:
                        - key: {files: [Gemfile.lock], prefix: gems}
                          paths: [vendor]
                          policy: pull
                          fallback_keys: [gems-main]
                        - key: $CI_JOB_NAME
                          paths: [.cache]
                          when: always
                      environment:
                        name: production
                        url: https://example.org
                        deployment_tier: production
                        on_stop: stop
                        auto_stop_in: 2 weeks
                      resource_group: prod
                      interruptible: false
                      coverage: '/Total: (\\d+)%/'
                      tags: [deploy]
                      image: {name: alpine, entrypoint: [""]}
                      services: [postgres, {name: redis, alias: cache}]
                      id_tokens: {TOKEN: {aud: x}}
                    stop:
                      stage: deploy
                      script: x
                      when: manual
                      environment: {name: production, action: stop}
                      artifacts: {expire_in: never}
                      cache: {}
                    """);

            JobSpec deploy = job(spec, "deploy");
            assertEquals(new ArtifactsSpec("$CI_JOB_NAME", List.of("dist/"), List.of("dist/*.tmp"), true,
                    When.ON_FAILURE, Optional.of(Duration.ofDays(7))), deploy.artifacts().orElseThrow());
            assertEquals(List.of(new CacheSpec("", List.of("vendor"), "pull", When.ON_SUCCESS, List.of("Gemfile.lock"),
                    "gems", List.of("gems-main"), false), new CacheSpec("$CI_JOB_NAME", List.of(".cache"), "pull-push",
                    When.ALWAYS)), deploy.cache());
            assertEquals(new EnvironmentSpec("production", "https://example.org", "start", "production", "stop",
                    "2 weeks"), deploy.environment().orElseThrow());
            assertEquals("prod", deploy.resourceGroup());
            assertEquals("/Total: (\\d+)%/", deploy.coverage());
            assertEquals("alpine", deploy.image());
            assertEquals(List.of("postgres", "redis"), deploy.services());
            JobSpec stop = job(spec, "stop");
            assertEquals("stop", stop.environment().orElseThrow().action());
            assertTrue(stop.artifacts().orElseThrow().neverExpires());
            assertEquals(List.of(), stop.cache());
            assertTrue(spec.warnings().stream().anyMatch(w -> w.startsWith("keyword 'artifacts:reports'")));
            assertTrue(spec.warnings().stream().anyMatch(w -> w.startsWith("keyword 'id_tokens'")));
            assertTrue(spec.warnings().stream().anyMatch(w -> w.startsWith("keyword 'image'")
                    && w.contains("job 'deploy'")));
        }

        @Test
        void triggerJobsRunLocalChildPipelines() throws Exception {
            PipelineSpec spec = compile("""
                    child:
                      trigger:
                        include:
                          - local: ci/child.yml
                          - ci/other.yml
                        strategy: depend
                        forward: {yaml_variables: false, pipeline_variables: true}
                    short:
                      trigger: {include: ci/child.yml}
                    """);

            assertEquals(new TriggerSpec(List.of("ci/child.yml", "ci/other.yml"), true, false, true),
                    job(spec, "child").trigger().orElseThrow());
            assertEquals(new TriggerSpec(List.of("ci/child.yml"), false, true, false),
                    job(spec, "short").trigger().orElseThrow());
            assertEquals(List.of(), job(spec, "short").script());
        }

        @Test
        void onlyAndExceptKeepRefsVariablesAndChanges() throws Exception {
            PipelineSpec spec = compile("""
                    a: {script: x, only: [main, /^release-.*$/, merge_requests], except: [tags]}
                    b:
                      script: x
                      only:
                        refs: [branches]
                        variables: [$DEPLOY == "true"]
                        changes: [src/**]
                    """);

            assertEquals(Optional.of(new OnlyExceptSpec(List.of("main", "/^release-.*$/", "merge_requests"), List.of(),
                    List.of())), job(spec, "a").only());
            assertEquals(List.of("tags"), job(spec, "a").except().orElseThrow().refs());
            assertEquals(new OnlyExceptSpec(List.of("branches"), List.of("$DEPLOY == \"true\""), List.of("src/**")),
                    job(spec, "b").only().orElseThrow());
        }

        @Test
        void dependenciesNameEarlierJobs() throws Exception {
            PipelineSpec spec = compile("""
                    b: {stage: build, script: x, parallel: 2}
                    t: {stage: test, script: x, dependencies: [b]}
                    n: {stage: test, script: x, dependencies: []}
                    """);

            assertEquals(Optional.of(List.of("b 1/2", "b 2/2")), job(spec, "t").dependencies());
            assertEquals(Optional.of(List.of()), job(spec, "n").dependencies());
        }
    }

    /**
     * What reading a file refuses beyond {@link SafeYaml}'s checks (tested in {@code SafeYamlTest}): the shape of the
     * top level, duplicate keys and tags.
     */
    @Nested
    class DocumentShape {

        private static final String MAPPING_REQUIRED =
                "the definition must be a YAML mapping (key: value pairs) at the top level";

        private static void assertPosition(InvalidDefinitionException e, int line, int column) {
            assertEquals(line, e.line(), e::describe);
            assertEquals(column, e.column(), e::describe);
            assertEquals("line " + line + ", column " + column + ": " + e.problem(), e.describe());
        }

        @ParameterizedTest(name = "[{index}] {0}")
        @ValueSource(strings = {"hello", "42", "null", "~", "- a\n- b\n", "[a, b]", "- {job: {script: x}}\n", "---\n"})
        void aDocumentThatIsNotAMappingIsRefused(String yaml) {
            InvalidDefinitionException e = refused(yaml);

            assertEquals(MAPPING_REQUIRED, e.problem());
            assertPosition(e, 1, 1);
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"{}", "--- {}\n"})
        void anEmptyMappingHasNoJob(String yaml) {
            InvalidDefinitionException e = refused(yaml);

            assertTrue(e.problem().startsWith("the definition has no job"), e::describe);
            assertEquals(1, e.line(), e::describe);
        }

        static Stream<Arguments> nonStringTopLevelKeys() {
            return Stream.of(
                    Arguments.of("1: {script: x}\n", 1, 1, "'1' is read as the number 1"),
                    Arguments.of("1.5: a\n", 1, 1, "'1.5' is read as the number 1.5"),
                    Arguments.of("true: {script: x}\n", 1, 1, "'true' is read as the boolean true"),
                    Arguments.of("on: {script: x}\n", 1, 1, "'on' is read as the boolean true"),
                    Arguments.of("null: {script: x}\n", 1, 1, "'null' is read as null"),
                    Arguments.of("~: {script: x}\n", 1, 1, "'~' is read as null"),
                    Arguments.of("job: {script: x}\n2: y\n", 2, 1, "'2' is read as the number 2"),
                    // "{job: {script: x}, " is 19 characters.
                    Arguments.of("{job: {script: x}, 0x1F: y}", 1, 20, "'0x1F' is read as the number 0x1F"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("nonStringTopLevelKeys")
        void topLevelKeysThatAreNotStringsAreRefusedAtTheKey(String yaml, int line, int column, String fragment) {
            InvalidDefinitionException e = refused(yaml);

            assertTrue(e.problem().startsWith("top-level keys must be strings: " + fragment), e::describe);
            assertPosition(e, line, column);
        }

        @Test
        void quotedOrStrTaggedTopLevelKeysNameJobs() throws Exception {
            PipelineSpec spec = compile("'1': {script: x}\n\"true\": {script: y}\n!!str 2: {script: z}\n");

            assertEquals(List.of("1", "true", "2"), names(spec));
        }

        @Test
        void aNonStringTopLevelKeyInAnIncludedFileNamesTheFile() {
            MapIncludeResolver files = new MapIncludeResolver().local("ci/jobs.yml", "ok: {script: x}\n3: {script: y}\n");

            InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                    () -> compiler.compile("include: ci/jobs.yml\njob: {script: x}\n", files));

            assertTrue(e.problem().startsWith("in 'ci/jobs.yml': top-level keys must be strings: '3'"), e::describe);
            assertPosition(e, 2, 1);
        }

        static Stream<Arguments> duplicates() {
            return Stream.of(
                    Arguments.of("top level", "a: {script: x}\nb: {script: y}\na: {script: z}\n", 3, 1, "a", 1),
                    Arguments.of("in a job", "job:\n  script: x\n  script: y\n", 3, 3, "script", 2),
                    // "{job: {script: x, " is 18 characters.
                    Arguments.of("flow mapping", "{job: {script: x, script: y}}", 1, 19, "script", 1),
                    Arguments.of("quoted and plain", "job:\n  script: x\n  'script': y\n", 3, 3, "script", 2));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("duplicates")
        void duplicateKeysAreRefusedAtTheSecondOccurrence(String label, String yaml, int line, int column, String key,
                int firstLine) {
            InvalidDefinitionException e = refused(yaml);

            assertEquals("duplicate key '" + key + "' (first written at line " + firstLine + ")", e.problem());
            assertPosition(e, line, column);
        }

        static Stream<Arguments> unknownTags() {
            return Stream.of(
                    // The tag starts right after "cmd: " at column 6.
                    Arguments.of("cmd: !!python/object:os.system ls\n", 1, 6,
                            "tag:yaml.org,2002:python/object:os.system"),
                    Arguments.of("run: !!python/object/apply:os.system [\"ls\"]\n", 1, 6,
                            "tag:yaml.org,2002:python/object/apply:os.system"),
                    Arguments.of("x: !!java.net.URL [\"http://example.com\"]\n", 1, 4, "tag:yaml.org,2002:java.net.URL"),
                    Arguments.of("cmd: !custom ls\n", 1, 6, "!custom"),
                    Arguments.of("job: !custom {script: x}\n", 1, 6, "!custom"),
                    Arguments.of("!custom {job: {script: x}}", 1, 1, "!custom"),
                    Arguments.of("jobs:\n  build: !custom x\n", 2, 10, "!custom"),
                    Arguments.of("!custom job: {script: x}\n", 1, 1, "!custom"),
                    Arguments.of("job:\n  script: x\n  variables: {!!binary QUJD: b}\n", 3, 15,
                            "tag:yaml.org,2002:binary"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("unknownTags")
        void unknownAndCustomTagsAreRefusedAtTheTaggedNode(String yaml, int line, int column, String tag) {
            InvalidDefinitionException e = refused(yaml);

            assertTrue(e.problem().startsWith("the tag " + tag + " is not allowed"), e::describe);
            assertPosition(e, line, column);
        }

        static Stream<Arguments> spellings() {
            return Stream.of(
                    Arguments.of("block style", "stages:\n  - build\nbuild:\n  stage: build\n  script:\n    - make\n"),
                    Arguments.of("flow style", "{stages: [build], build: {stage: build, script: [make]}}"),
                    Arguments.of("explicit document start", "---\nstages: [build]\nbuild: {stage: build, script: [make]}\n"),
                    Arguments.of("explicit document end", "stages: [build]\nbuild: {stage: build, script: [make]}\n...\n"),
                    Arguments.of("CRLF line endings", "stages:\r\n  - build\r\nbuild:\r\n  stage: build\r\n"
                            + "  script: [make]\r\n"),
                    Arguments.of("comments", "# the pipeline\nstages: [build] # one stage\nbuild: # the job\n"
                            + "  stage: build\n  script: [make]\n"));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("spellings")
        void spellingsOfOneDefinitionCompileToTheSameJob(String label, String yaml) throws Exception {
            PipelineSpec spec = compile(yaml);

            assertEquals(List.of(".pre", "build", ".post"), spec.stages());
            assertEquals(List.of("build"), names(spec));
            assertEquals("build", job(spec, "build").stage());
            assertEquals(List.of("make"), job(spec, "build").script());
        }
    }

    /** yaml, line, column, and fragments the problem must contain (keyword, job...). */
    static Stream<Arguments> refusals() {
        String many = "parallel-a: {script: x, parallel: 200}\nparallel-b: {script: x, parallel: 200}\n"
                + "parallel-c: {script: x, parallel: 101}\n";
        return Stream.of(
                Arguments.of("unknown keyword", "job:\n  script: x\n  scirpt: y\n", 3, 3,
                        List.of("job 'job'", "keyword 'scirpt'", "unknown keyword")),
                Arguments.of("refused keyword", "job:\n  script: x\n  hooks: {pre_get_sources_script: [a]}\n", 3, 3,
                        List.of("job 'job'", "keyword 'hooks' is not supported")),
                Arguments.of("external secret provider", "job:\n  script: x\n  secrets: {A: {vault: a/b}}\n", 3, 17,
                        List.of("job 'job'", "secret provider 'vault' is not available")),
                Arguments.of("secret as a file", "job:\n  script: x\n  secrets:\n    A: {opsplane: a-b, file: true}\n",
                        4, 30, List.of("secrets as files are not supported")),
                Arguments.of("component include", "include:\n  - local: a.yml\n  - component: x/y@1\njob: {script: x}\n",
                        3, 5, List.of("keyword 'include:component' is not supported", "'x/y@1'")),
                Arguments.of("template include", "include:\n  template: Auto-DevOps.gitlab-ci.yml\njob: {script: x}\n",
                        2, 3, List.of("keyword 'include:template' is not supported")),
                Arguments.of("missing local include", "include: ci/missing.yml\njob: {script: x}\n", 1, 10,
                        List.of("keyword 'include:local'", "'ci/missing.yml' is not available")),
                Arguments.of("include inputs", "include:\n  - local: a.yml\n    inputs: {a: 1}\njob: {script: x}\n", 3, 5,
                        List.of("keyword 'include:inputs' is not supported")),
                Arguments.of("include leaving the repository", "include: ../secret.yml\njob: {script: x}\n", 1, 10,
                        List.of("leaves the repository")),
                Arguments.of("unknown extends target", "job:\n  extends: .missing\n  script: x\n", 2, 12,
                        List.of("job 'job'", "keyword 'extends'", "unknown target '.missing'")),
                Arguments.of("extends cycle", ".a: {extends: .b}\n.b: {extends: .a}\njob: {extends: .a, script: x}\n", 2, 15,
                        List.of("extends form a cycle: .a → .b → .a")),
                Arguments.of("unknown stage", "stages: [build]\njob:\n  stage: tset\n  script: x\n", 3, 10,
                        List.of("job 'job'", "keyword 'stage'", "unknown stage 'tset'")),
                Arguments.of("default stage missing", "stages: [build]\njob: {script: x}\n", 2, 1,
                        List.of("unknown stage 'test'")),
                Arguments.of("duplicate name after expansion", "a: {script: x, parallel: 2}\n'a 1/2': {script: y}\n", 2, 1,
                        List.of("the job name 'a 1/2' is used twice", "also by job 'a'")),
                Arguments.of("need on unknown job", "job:\n  script: x\n  needs: [ghost]\n", 3, 11,
                        List.of("keyword 'needs'", "'ghost' is not a job of this pipeline")),
                Arguments.of("need on a later stage", "a: {stage: build, script: x, needs: [b]}\nb: {stage: test, script: x}\n",
                        1, 38, List.of("job 'a'", "'b' is in stage 'test'")),
                Arguments.of("needs cycle", "a:\n  script: x\n  needs: [b]\nb:\n  script: x\n  needs: [a]\n", 3, 3,
                        List.of("needs form a cycle: a → b → a")),
                Arguments.of("cross-project need", "a:\n  script: x\n  needs:\n    - project: g/p\n      job: b\n", 4, 7,
                        List.of("keyword 'needs:project' is not supported")),
                Arguments.of("dependency on unknown job", "a:\n  script: x\n  dependencies: [ghost]\n", 3, 18,
                        List.of("keyword 'dependencies'", "'ghost' is not a job")),
                Arguments.of("dependency on a later stage", "a: {stage: build, script: x, dependencies: [b]}\n"
                        + "b: {stage: test, script: x}\n", 1, 45, List.of("'b' is in stage 'test'")),
                Arguments.of("dependency outside needs", "a: {stage: build, script: x}\nb: {stage: build, script: x}\n"
                        + "c: {stage: test, script: x, needs: [a], dependencies: [b]}\n", 3, 56,
                        List.of("'b' must also be listed in needs")),
                Arguments.of("more than 500 jobs", many, 3, 1,
                        List.of("job 'parallel-c'", "brings the pipeline to 501 jobs", "parallel expands it to 101")),
                Arguments.of("job without script", "job:\n  stage: test\n", 1, 1,
                        List.of("job 'job'", "a job needs script or trigger")),
                Arguments.of("delayed without start_in", "job:\n  script: x\n  when: delayed\n", 3, 9,
                        List.of("keyword 'when'", "when: delayed needs start_in")),
                Arguments.of("start_in over a week", "job:\n  script: x\n  when: delayed\n  start_in: 8 days\n", 4, 13,
                        List.of("between 1 second and 1 week")),
                Arguments.of("retry over 2", "job:\n  script: x\n  retry: 3\n", 3, 10,
                        List.of("keyword 'retry'", "between 0 and 2")),
                Arguments.of("retry max over 2", "job:\n  script: x\n  retry: {max: 5}\n", 3, 16,
                        List.of("keyword 'retry:max'", "between 0 and 2")),
                Arguments.of("parallel over 200", "job:\n  script: x\n  parallel: 201\n", 3, 13,
                        List.of("keyword 'parallel'", "between 1 and 200")),
                Arguments.of("invalid if", "job:\n  script: x\n  rules:\n    - if: $A = \"x\"\n", 4, 11,
                        List.of("keyword 'rules:if'", "invalid expression at character 4")),
                Arguments.of("invalid workflow if", "workflow:\n  rules:\n    - if: ($A\njob: {script: x}\n", 3, 11,
                        List.of("keyword 'workflow:rules:if'", "expected ')'")),
                Arguments.of("needs in rules", "job:\n  script: x\n  rules:\n    - needs: [a]\n", 4, 7,
                        List.of("keyword 'rules:needs' is not supported")),
                Arguments.of("rules with only", "job:\n  script: x\n  rules: [{when: always}]\n  only: [main]\n", 4, 3,
                        List.of("keyword 'only'", "may not be used with rules")),
                Arguments.of("trigger of a project", "job:\n  trigger:\n    project: g/p\n", 3, 5,
                        List.of("keyword 'trigger:project' is not supported")),
                Arguments.of("trigger written as a project path", "job:\n  trigger: g/p\n", 2, 12,
                        List.of("keyword 'trigger:project' is not supported")),
                Arguments.of("dynamic child pipeline", "job:\n  trigger:\n    include:\n      - artifact: gen.yml\n"
                        + "        job: gen\n", 4, 9, List.of("keyword 'trigger:include:artifact' is not supported")),
                Arguments.of("script on a trigger job", "job:\n  script: x\n  trigger: {include: a.yml}\n", 2, 3,
                        List.of("a trigger job runs a child pipeline and cannot have script")),
                Arguments.of("only kubernetes", "job:\n  script: x\n  only: {kubernetes: active}\n", 3, 10,
                        List.of("keyword 'only:kubernetes' is not supported")),
                Arguments.of("spec in the same document", "spec: {inputs: {}}\njob: {script: x}\n", 1, 1,
                        List.of("keyword 'spec:inputs' is not supported")),
                Arguments.of("spec header document", "spec:\n  inputs: {}\n---\njob: {script: x}\n", 1, 1,
                        List.of("keyword 'spec:inputs' is not supported")),
                Arguments.of("duplicate key", "a: {script: x}\nb: {script: y}\na: {script: z}\n", 3, 1,
                        List.of("duplicate key 'a' (first written at line 1)")),
                Arguments.of("reference to nothing", "job:\n  script: !reference [.nope, script]\n", 2, 11,
                        List.of("!reference [.nope, script]", "'.nope' is not defined")),
                Arguments.of("reference to itself", ".a:\n  script: !reference [.a, script]\njob: {extends: .a}\n", 2, 11,
                        List.of("nested deeper than 10")),
                Arguments.of("custom tag", "job:\n  script: !shell ls\n", 2, 11, List.of("the tag !shell is not allowed")),
                Arguments.of("top-level scalar that is no job", "stages: [test]\nversion: 3\njob: {script: x}\n", 2, 1,
                        List.of("top-level key 'version' is neither a GitLab keyword nor a job")),
                Arguments.of("merge key on a scalar", "job:\n  <<: text\n  script: x\n", 2, 7,
                        List.of("the merge key << takes a mapping")),
                Arguments.of("no visible job", ".hidden: {script: x}\n", 1, 1, List.of("the definition has no job")),
                Arguments.of("bad timeout", "job:\n  script: x\n  timeout: soon\n", 3, 12,
                        List.of("keyword 'timeout'", "'soon' is not a duration")),
                Arguments.of("bad when", "job:\n  script: x\n  when: later\n", 3, 9,
                        List.of("keyword 'when'", "expected one of")),
                Arguments.of("variable options", "variables:\n  A: {value: c, options: [a, b]}\njob: {script: x}\n", 2, 14,
                        List.of("keyword 'variables:A:value'", "'c' is not one of the options")),
                Arguments.of("coverage that is no regex", "job:\n  script: x\n  coverage: 'total'\n", 3, 13,
                        List.of("keyword 'coverage'", "expected a /regex/")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refusalsNameKeywordJobLineAndColumn(String label, String yaml, int line, int column, List<String> fragments) {
        InvalidDefinitionException e = refused(yaml);

        assertEquals(line, e.line(), e::describe);
        assertEquals(column, e.column(), e::describe);
        for (String fragment : fragments) {
            assertTrue(e.problem().contains(fragment), () -> "'" + fragment + "' missing from: " + e.describe());
        }
        assertTrue(e.describe().startsWith("line " + line + ", column " + column + ": "), e::describe);
    }

    @Test
    void aProblemInAnIncludedFileNamesTheFile() {
        MapIncludeResolver files = new MapIncludeResolver().local("ci/jobs.yml", "ok: {script: x}\nbad:\n  scirpt: y\n");

        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> compiler.compile("include: ci/jobs.yml\n", files));

        assertEquals("in 'ci/jobs.yml': job 'bad': keyword 'scirpt': unknown keyword", e.problem());
        assertEquals(3, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void anAliasBombIsStoppedByTheExpansionBudget() {
        StringBuilder yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char previous = 'a';
        for (char level = 'b'; level <= 'h'; level++) {
            yaml.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 10; i++) {
                yaml.append(i == 0 ? "" : ", ").append('*').append(previous);
            }
            yaml.append("]\n");
            previous = level;
        }
        yaml.append("job: {script: x}\n");

        InvalidDefinitionException e = refused(yaml.toString());

        assertTrue(e.problem().contains("once its aliases are expanded"), e::describe);
        assertTrue(e.line() > 0, e::describe);
    }
}

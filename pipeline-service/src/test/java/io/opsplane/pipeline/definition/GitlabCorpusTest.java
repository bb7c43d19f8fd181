package io.opsplane.pipeline.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.opsplane.pipeline.definition.model.AllowFailureSpec;
import io.opsplane.pipeline.definition.model.JobSpec;
import io.opsplane.pipeline.definition.model.NeedSpec;
import io.opsplane.pipeline.definition.model.PipelineSpec;
import io.opsplane.pipeline.definition.model.When;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real GitLab CI files of other projects (the shared corpus, read in place, never copied): each one compiles, or is
 * refused with an {@link InvalidDefinitionException} that names what is not supported at a real position.
 */
class GitlabCorpusTest {

    /** From the module folder (where Maven runs tests) and from the work tree's root. */
    private static final List<Path> CORPUS = List.of(Path.of("..", "..", "shared", "corpus", "gitlab-ci"),
            Path.of("..", "shared", "corpus", "gitlab-ci"));

    private static Path corpus;

    @BeforeAll
    static void findCorpus() {
        corpus = CORPUS.stream().filter(Files::isDirectory).findFirst().orElse(null);
    }

    private static String read(String name) {
        assumeTrue(corpus != null, "the shared corpus is not here");
        Path file = corpus.resolve(name);
        assumeTrue(Files.isRegularFile(file), name + " is not in the corpus");
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves the local files of one folder of includes/. */
    private static IncludeResolver includesOf(String project, Map<String, String> projects) {
        return new IncludeResolver() {
            @Override
            public Optional<String> local(String path) {
                Path file = corpus.resolve("includes").resolve(project).resolve(path);
                try {
                    return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public Optional<String> project(String name, String ref, String file) {
                return Optional.ofNullable(projects.get(name + ":" + file));
            }

            @Override
            public Optional<String> remote(String url) {
                return Optional.empty();
            }
        };
    }

    private static PipelineSpec compile(String name) throws InvalidDefinitionException {
        return new GitlabCiCompiler().compile(read(name), IncludeResolver.none());
    }

    private static JobSpec job(PipelineSpec spec, String name) {
        return spec.jobs().stream().filter(job -> job.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no job " + name));
    }

    private static List<String> needs(JobSpec job) {
        return job.needs().orElseThrow().stream().map(NeedSpec::job).toList();
    }

    /** file, jobs after expansion, stages. */
    static Stream<Arguments> compiled() {
        return Stream.of(
                Arguments.of("GStreamer__orc.yml", 21, List.of(".pre", "preparation", "build", "deploy", ".post")),
                Arguments.of("f-droid__fdroidserver.yml", 26, List.of(".pre", "lint", "test", "deploy", ".post")),
                Arguments.of("gnutls__gnutls.yml", 52, List.of(".pre", "bootstrap", "build", "test", "archive", ".post")),
                Arguments.of("ottok__salsa-ci-pipeline.yml", 22, List.of(".pre", "images", "test", "clean", ".post")),
                Arguments.of("postmarketOS-mirror__pmbootstrap.yml", 4, List.of(".pre", "checks", "tests", ".post")));
    }

    @ParameterizedTest(name = "{0} compiles to {1} jobs")
    @MethodSource("compiled")
    void compiles(String file, int jobs, List<String> stages) throws Exception {
        PipelineSpec spec = compile(file);

        assertEquals(jobs, spec.jobs().size(), () -> spec.jobs().stream().map(JobSpec::name)
                .collect(Collectors.joining("\n")));
        assertEquals(stages, spec.stages());
    }

    /** file, line, column, what the problem names. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("GNOME__glib.yml", 2, 5, List.of("keyword 'include:component' is not supported",
                        "release-service@master")),
                Arguments.of("GNOME__mutter.yml", 8, 5, List.of("keyword 'include:component' is not supported")),
                Arguments.of("LibreHealthIO__lh-toolkit.yml", 29, 1, List.of("duplicate key 'publish-job'",
                        "first written at line 19")),
                Arguments.of("PipeWire__pipewire.yml", 28, 5, List.of("keyword 'include:project'",
                        "'/templates/fedora.yml' of project 'freedesktop/ci-templates'", "is not available")),
                Arguments.of("gitlabhq__gitlab-runner.yml", 39, 5, List.of("keyword 'include:component' is not "
                        + "supported", "danger-review")),
                Arguments.of("gitlabhq__gitlab-shell.yml", 2, 5, List.of("keyword 'include:template' is not supported",
                        "Code-Quality.gitlab-ci.yml")),
                Arguments.of("gitlabhq__omnibus-gitlab.yml", 1, 1, List.of("keyword 'spec:inputs' is not supported")));
    }

    @ParameterizedTest(name = "{0} is refused at line {1}")
    @MethodSource("refused")
    void isRefusedNamingWhatIsNotSupported(String file, int line, int column, List<String> fragments) {
        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class, () -> compile(file));

        assertEquals(line, e.line(), e::describe);
        assertEquals(column, e.column(), e::describe);
        fragments.forEach(fragment -> assertTrue(e.problem().contains(fragment), e::describe));
    }

    @Test
    void everyCorpusFileCompilesOrIsRefusedAtAPosition() throws IOException {
        assumeTrue(corpus != null, "the shared corpus is not here");
        Set<String> expected = Stream.concat(compiled(), refused()).map(arguments -> (String) arguments.get()[0])
                .collect(Collectors.toSet());
        try (Stream<Path> files = Files.list(corpus)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml")).sorted().toList()) {
                assertTrue(expected.contains(file.getFileName().toString()), "no expectation for " + file);
                try {
                    new GitlabCiCompiler().compile(Files.readString(file), IncludeResolver.none());
                } catch (InvalidDefinitionException e) {
                    assertTrue(e.line() > 0, () -> file + ": " + e.describe());
                }
            }
        }
    }

    @Test
    void gstreamerKeepsItsJobNamedTriggerAndItsRules() throws Exception {
        PipelineSpec spec = compile("GStreamer__orc.yml");

        JobSpec trigger = job(spec, "trigger");
        assertTrue(trigger.trigger().isEmpty());
        assertEquals("preparation", trigger.stage());
        assertEquals(4, trigger.rules().size());
        assertEquals(Optional.of(false), trigger.rules().get(3).allowFailure());
        assertEquals(List.of("trigger"), needs(job(spec, "debian stable")));
        assertEquals(2, job(spec, "debian stable").retry().max());
        assertTrue(job(spec, "debian stable").interruptible());
        JobSpec pages = job(spec, "pages");
        assertEquals(Optional.of(List.of()), pages.needs());
        assertEquals(When.MANUAL, pages.when());
        assertTrue(!pages.interruptible());
        assertEquals(List.of("meson setup $MESON_ARGS build/"), job(spec, "pages").script().subList(0, 1));
        assertEquals(5, spec.workflow().size());
    }

    @Test
    void fdroidUsesMergeKeysAndOptionalNeeds() throws Exception {
        PipelineSpec spec = compile("f-droid__fdroidserver.yml");

        JobSpec bandit = job(spec, "bandit");
        assertEquals(1, bandit.rules().size());
        assertTrue(bandit.rules().get(0).changes().contains("fdroidserver/*.py"));
        assertEquals("echo Etc/UTC > /etc/timezone", bandit.beforeScript().get(0));
        assertEquals(Map.of("DEBIAN_FRONTEND", "noninteractive", "LANG", "C.UTF-8"), bandit.variables());
        // an explicit key after the merge keeps its own value
        assertEquals(Map.of("LANG", "C.UTF-8"), job(spec, "safety").variables());
        assertEquals(List.of(new NeedSpec("Build documentation", true, true)), job(spec, "pages").needs().orElseThrow());
        assertEquals(Optional.of(List.of("fdroid build")), job(spec, "docker").dependencies());
        assertEquals(new AllowFailureSpec(false, Set.of(1)), job(spec, "Windows").allowFailure());
    }

    @Test
    void gnutlsExpandsItsMatrixJobs() throws Exception {
        PipelineSpec spec = compile("gnutls__gnutls.yml");

        assertEquals(List.of("fedora/build"), needs(job(spec, "fedora/test: [fips, pqc, no-ktls]")));
        assertEquals(Map.of("FIPS", "no-fips", "PQC", "no-pqc", "KTLS", "ktls"),
                job(spec, "fedora/test: [no-fips, no-pqc, ktls]").matrix());
        assertTrue(spec.jobs().stream().anyMatch(job -> job.name().equals("fedora-interop/test: [nss, 2way, 1, 2]")));
        assertEquals(List.of(), job(spec, "commit-check").beforeScript());
        assertEquals(List.of("master@gnutls/gnutls"), job(spec, "commit-check").except().orElseThrow().refs());
        assertEquals(".pre", job(spec, "commit-check").stage());
        assertEquals(0, job(spec, "commit-check").retry().max());
        assertEquals(Optional.of(java.time.Duration.ofMinutes(45)),
                job(spec, "fedora-interop/test: [openssl, 2way, 0, 1]").timeout());
    }

    @Test
    void salsaTriggersLocalChildPipelines() throws Exception {
        PipelineSpec spec = compile("ottok__salsa-ci-pipeline.yml");

        JobSpec images = job(spec, "images");
        assertEquals(List.of(".images-debian.yml"), images.trigger().orElseThrow().includeLocal());
        assertTrue(images.trigger().orElseThrow().dependOnChild());
        assertTrue(images.trigger().orElseThrow().forwardPipelineVariables());
        assertEquals("0", spec.variables().get("SALSA_CI_PERSIST_IMAGES").value());
        assertTrue(spec.variables().get("SALSA_CI_PERSIST_IMAGES").description().startsWith("Images are clean"));
        assertEquals(13, spec.jobs().stream().filter(job -> job.name().startsWith("test-pipeline: [")).count());
        assertEquals(Optional.of(List.of()), job(spec, "check yaml lint").dependencies());
    }

    @Test
    void postmarketOsUsesOnlyThroughAMergeKey() throws Exception {
        PipelineSpec spec = compile("postmarketOS-mirror__pmbootstrap.yml");

        assertEquals(List.of("master", "merge_requests", "tags"), job(spec, "vermin").only().orElseThrow().refs());
        assertEquals("alpine:latest", job(spec, "vermin").image());
        assertEquals("python:3.7-slim-stretch", job(spec, "test-pmbootstrap").image());
        assertEquals(List.of("apk -q add py3-pip", "pip3 -q --disable-pip-version-check install vermin"),
                job(spec, "vermin").beforeScript());
        assertEquals(List.of("merge_requests"), job(spec, "mr-settings").only().orElseThrow().refs());
    }

    @Test
    void pipewireCompilesOnceItsProjectTemplatesAreThere() throws Exception {
        // Stand-ins for freedesktop's ci-templates, which this test does not have.
        IncludeResolver templates = new IncludeResolver() {
            @Override
            public Optional<String> local(String path) {
                return Optional.empty();
            }

            @Override
            public Optional<String> project(String project, String ref, String file) {
                String distro = file.replace("templates/", "").replace(".yml", "");
                return Optional.of(".fdo.container-build@" + distro + ":\n  script: [build-image]\n"
                        + ".fdo.distribution-image@" + distro + ":\n  image: registry.example/" + distro + "\n"
                        + ".fdo.suffixed-image@" + distro + ":\n  image: registry.example/" + distro + "-suffixed\n");
            }

            @Override
            public Optional<String> remote(String url) {
                return Optional.empty();
            }
        };

        PipelineSpec spec = new GitlabCiCompiler().compile(read("PipeWire__pipewire.yml"), templates);

        assertEquals(66, spec.jobs().size());
        assertEquals(List.of("container_debian: [riscv64]"), needs(job(spec, "build_on_debian: [riscv64]")));
        assertEquals(2, job(spec, "build_on_fedora_html_docs").rules().size());
        assertEquals("$COVERITY == null", job(spec, "build_on_ubuntu").rules().get(0).ifExpression());
        assertEquals(22, spec.jobs().stream().filter(job -> job.name().startsWith("build_with_custom_options: ["))
                .count());
    }

    @Test
    void gitlabRunnersOwnIncludesAreRefusedAtTheirComponentInclude() {
        // The root as it would be without its component include: the 17 local files and the project include.
        StringBuilder root = new StringBuilder("stages: [build, qa, test, coverage, package, release, "
                + "test kubernetes integration, postrelease, deploy, rebase, docs]\ninclude:\n");
        try (Stream<Path> files = Files.list(corpusPath("includes/gitlabhq__gitlab-runner/.gitlab/ci"))) {
            files.sorted().forEach(file -> root.append("  - local: /.gitlab/ci/").append(file.getFileName())
                    .append('\n'));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IncludeResolver includes = includesOf("gitlabhq__gitlab-runner", Map.of());

        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> new GitlabCiCompiler().compile(root.toString(), includes,
                        Map.of("CI_PROJECT_PATH", "gitlab-org/gitlab-runner")));

        assertEquals("in '.gitlab/ci/test.gitlab-ci.yml': keyword 'include:component' is not supported: CI/CD "
                + "components (the CI/CD catalog) are not available (included: "
                + "'${CI_SERVER_FQDN}/components/dependency-scanning/main@1.1.1')", e.problem());
        assertEquals(2, e.line());
    }

    @Test
    void salsasChildPipelineIsRefusedAtItsDynamicChildPipeline() {
        IncludeResolver includes = includesOf("ottok__salsa-ci-pipeline", Map.of());

        InvalidDefinitionException e = assertThrows(InvalidDefinitionException.class,
                () -> new GitlabCiCompiler().compile(readPath("includes/ottok__salsa-ci-pipeline/.pipeline-test.yml"),
                        includes));

        assertTrue(e.problem().startsWith("in 'salsa-ci.yml': job 'build-reverse-dependencies': keyword "
                + "'trigger:include:artifact' is not supported"), e::describe);
        assertTrue(e.line() > 1000, e::describe);
    }

    private static Path corpusPath(String relative) {
        assumeTrue(corpus != null, "the shared corpus is not here");
        Path path = corpus.resolve(relative);
        assumeTrue(Files.exists(path), relative + " is not in the corpus");
        return path;
    }

    private static String readPath(String relative) {
        try {
            return Files.readString(corpusPath(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

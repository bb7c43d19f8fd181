package io.opsplane.pipeline.scheduling;

import static io.opsplane.pipeline.scheduling.Jobs.job;
import static io.opsplane.pipeline.scheduling.Jobs.jobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DagValidationTest {

    record Case(String name, List<SchedulableJob> jobs, List<DagProblem> problems) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case check(String name, List<SchedulableJob> jobs, DagProblem... problems) {
        return new Case(name, jobs, List.of(problems));
    }

    private static DagProblem problem(DagProblem.Kind kind, String message) {
        return new DagProblem(kind, message);
    }

    static Stream<Case> definitions() {
        return Stream.of(
                check("stages and needs that point back are valid",
                        jobs(job("build"), job("test").stage(1).needs("build"), job("deploy").stage(2))),
                check("a need in the same stage is valid (GitLab 14.2+)",
                        jobs(job("a"), job("b").needs("a"), job("c").needs("b"))),
                check("needs: [] is valid", jobs(job("a"), job("b").stage(3).needs())),
                check("no jobs is valid", List.of()),
                check("a duplicate name",
                        jobs(job("build"), job("test").stage(1), job("build").stage(1)),
                        problem(DagProblem.Kind.DUPLICATE_JOB, "job name \"build\" is used more than once")),
                check("a need on an unknown job",
                        jobs(job("build"), job("test").stage(1).needs("biuld")),
                        problem(DagProblem.Kind.UNKNOWN_NEED, "job \"test\" needs \"biuld\", which is not a job of this pipeline")),
                check("a need on a later stage",
                        jobs(job("build").needs("test"), job("test").stage(1)),
                        problem(DagProblem.Kind.NEED_ON_LATER_STAGE, "job \"build\" (stage 0) needs \"test\" (stage 1), a later stage;"
                                + " a job can only need jobs of its own or earlier stages")),
                check("a job needing itself",
                        jobs(job("a").needs("a")),
                        problem(DagProblem.Kind.CYCLE, "needs form a cycle: a \u2192 a")),
                check("two jobs needing each other",
                        jobs(job("a").needs("b"), job("b").needs("a")),
                        problem(DagProblem.Kind.CYCLE, "needs form a cycle: a \u2192 b \u2192 a")),
                check("a cycle is named from its first defined job, in the direction of needs",
                        jobs(job("x"), job("b").needs("c"), job("c").needs("a"), job("a").needs("b", "x")),
                        problem(DagProblem.Kind.CYCLE, "needs form a cycle: b \u2192 c \u2192 a \u2192 b")),
                check("jobs behind a cycle are not reported as a cycle of their own",
                        jobs(job("d").needs("a"), job("a").needs("b"), job("b").needs("a"), job("e").needs("d")),
                        problem(DagProblem.Kind.CYCLE, "needs form a cycle: a \u2192 b \u2192 a")),
                check("two separate cycles",
                        jobs(job("a").needs("b"), job("b").needs("a"), job("c").needs("d"), job("d").needs("c")),
                        problem(DagProblem.Kind.CYCLE, "needs form a cycle: a \u2192 b \u2192 a"),
                        problem(DagProblem.Kind.CYCLE, "needs form a cycle: c \u2192 d \u2192 c")),
                check("a cycle across stages is also a later-stage need",
                        jobs(job("a").needs("b"), job("b").stage(1).needs("a")),
                        problem(DagProblem.Kind.NEED_ON_LATER_STAGE, "job \"a\" (stage 0) needs \"b\" (stage 1), a later stage;"
                                + " a job can only need jobs of its own or earlier stages"),
                        problem(DagProblem.Kind.CYCLE, "needs form a cycle: a \u2192 b \u2192 a")),
                check("every problem at once, duplicates first, cycles last",
                        jobs(job("a").needs("c"), job("c").needs("a", "ghost"), job("a").stage(1), job("early").needs("late"),
                                job("late").stage(2)),
                        problem(DagProblem.Kind.DUPLICATE_JOB, "job name \"a\" is used more than once"),
                        problem(DagProblem.Kind.UNKNOWN_NEED, "job \"c\" needs \"ghost\", which is not a job of this pipeline"),
                        problem(DagProblem.Kind.NEED_ON_LATER_STAGE, "job \"early\" (stage 0) needs \"late\" (stage 2), a later stage;"
                                + " a job can only need jobs of its own or earlier stages"),
                        problem(DagProblem.Kind.CYCLE, "needs form a cycle: a \u2192 c \u2192 a")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void findsEveryProblemWithAClearMessage(Case c) {
        assertEquals(c.problems(), DagValidation.problems(c.jobs()));
    }

    @Test
    void namesStagesWhenTheirNamesAreGiven() {
        List<DagProblem> problems = DagValidation.problems(
                jobs(job("build").needs("test"), job("test").stage(1)), List.of("build", "test"));

        assertEquals(List.of(problem(DagProblem.Kind.NEED_ON_LATER_STAGE,
                "job \"build\" (stage \"build\") needs \"test\" (stage \"test\"), a later stage;"
                        + " a job can only need jobs of its own or earlier stages")), problems);
    }

    @Test
    void aCycleThroughTwentyThousandJobsIsFoundWithoutDeepRecursion() {
        Jobs.Builder[] chain = new Jobs.Builder[20_000];
        chain[0] = job("j0").needs("j19999");
        for (int i = 1; i < chain.length; i++) {
            chain[i] = job("j" + i).needs("j" + (i - 1));
        }

        List<DagProblem> problems = DagValidation.problems(jobs(chain));

        assertEquals(1, problems.size());
        assertEquals(DagProblem.Kind.CYCLE, problems.get(0).kind());
        String message = problems.get(0).message();
        assertTrue(message.startsWith("needs form a cycle: j0 \u2192 j19999 \u2192 j19998 \u2192 "), message);
        assertTrue(message.endsWith(" \u2192 j2 \u2192 j1 \u2192 j0"), message);
    }
}

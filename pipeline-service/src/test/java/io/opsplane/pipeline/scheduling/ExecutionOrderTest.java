package io.opsplane.pipeline.scheduling;

import static io.opsplane.pipeline.scheduling.Jobs.job;
import static io.opsplane.pipeline.scheduling.Jobs.jobs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ExecutionOrderTest {

    record Case(String name, List<SchedulableJob> jobs, List<String> order) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> orders() {
        return Stream.of(
                new Case("stage by stage, definition order inside a stage",
                        jobs(job("c").stage(1), job("a"), job("d").stage(2), job("b")),
                        List.of("a", "b", "c", "d")),
                new Case("a job after the same-stage jobs it needs",
                        jobs(job("b").needs("a"), job("a"), job("c")),
                        List.of("a", "b", "c")),
                new Case("a same-stage chain defined backwards",
                        jobs(job("c").needs("b"), job("b").needs("a"), job("a")),
                        List.of("a", "b", "c")),
                new Case("needs on earlier stages do not move a job out of its stage",
                        jobs(job("test").stage(1).needs("build"), job("lint").stage(1), job("build")),
                        List.of("build", "test", "lint")),
                new Case("a diamond inside one stage",
                        jobs(job("join").needs("left", "right"), job("right").needs("root"), job("left").needs("root"), job("root")),
                        List.of("root", "right", "left", "join")),
                new Case("no jobs", List.of(), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("orders")
    void ordersJobsAfterTheirPrerequisites(Case c) {
        assertEquals(c.order(), ExecutionOrder.of(c.jobs()));
    }

    @Test
    void refusesAnInvalidDefinitionNamingEveryProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExecutionOrder.of(jobs(job("a").needs("b"), job("b").needs("a", "ghost"))));

        assertEquals("job \"b\" needs \"ghost\", which is not a job of this pipeline; needs form a cycle: a \u2192 b \u2192 a",
                e.getMessage());
    }

    @Test
    void ordersALongChainDefinedBackwards() {
        int size = 20_000;
        List<Jobs.Builder> chain = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = size - 1; i > 0; i--) {
            chain.add(job("j" + i).needs("j" + (i - 1)));
        }
        chain.add(job("j0"));
        for (int i = 0; i < size; i++) {
            expected.add("j" + i);
        }

        assertEquals(expected, ExecutionOrder.of(jobs(chain.toArray(Jobs.Builder[]::new))));
    }
}

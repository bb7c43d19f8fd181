package io.opsplane.deploy.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.deploy.rollout.BlueGreenStrategy;
import io.opsplane.deploy.rollout.CanaryStrategy;
import io.opsplane.deploy.validation.InvalidFieldException;
import io.opsplane.proto.deploy.v1.CanaryStep;
import io.opsplane.proto.deploy.v1.PauseStep;
import io.opsplane.proto.deploy.v1.Strategy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SpecsTest {

    @ParameterizedTest(name = "{0} is {1} ms")
    @CsvSource({"250ms, 250", "30s, 30000", "5m, 300000", "1h, 3600000", "PT30S, 30000", "0s, 0"})
    void durationsAreReadInBothSpellings(String text, long millis) {
        assertEquals(Duration.ofMillis(millis), Specs.duration("d", text, null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "30", "-5s", "5 m", "1d", "PT-1S", "P8D", "9999999999s"})
    void otherDurationsAreRefusedNamingTheField(String text) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Specs.duration("blueGreen.healthTimeout", text, null));
        assertEquals("blueGreen.healthTimeout", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vector(0)", "sum(rate(x{a=\"b\",c=~\"5..\"}[1m]))", "x{a=\"}\"}", "label_replace(x, \"a\", \"$1\", \"b\", \"(.*)\")",
        "x{a='it\\'s'}", "histogram_quantile(0.99, sum by (le) (rate(h_bucket[1m])))"})
    void balancedQueriesPass(String query) {
        Specs.checkBalanced(query);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "sum(rate(x[1m])|'(' is never closed",
        "x{a=\"b\"|'{' is never closed",
        "x)|closes nothing",
        "x{a=\"b}|is not closed",
        "sum(x[1m)]|closes nothing"})
    void unbalancedQueriesAreRefusedSayingWhere(String query, String message) {
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Specs.checkBalanced(query));
        assertEquals("query", e.field());
        assertTrue(e.problem().contains(message), e.problem());
    }

    @Test
    void anUnsetStrategyIsTheSeedsCanary() {
        CanaryStrategy canary = assertInstanceOf(CanaryStrategy.class, Specs.strategy("strategy", Strategy.getDefaultInstance()));
        assertEquals(CanaryStrategy.DEFAULT_STEPS, canary.steps());
    }

    @Test
    void canaryStepsBecomeTheEnginesSteps() {
        Strategy given = Strategy.newBuilder().setCanary(io.opsplane.proto.deploy.v1.CanaryStrategy.newBuilder()
                .addSteps(CanaryStep.newBuilder().setSetWeight(10))
                .addSteps(CanaryStep.newBuilder().setPause(PauseStep.newBuilder().setDuration("30s")))
                .addSteps(CanaryStep.newBuilder().setPause(PauseStep.getDefaultInstance()))
                .addSteps(CanaryStep.newBuilder().setAnalysis("canary-vs-stable"))
                .setBackgroundAnalysis("errors")).build();
        CanaryStrategy canary = (CanaryStrategy) Specs.strategy("strategy", given);
        assertEquals(List.of(new io.opsplane.deploy.rollout.CanaryStep.SetWeight(10),
                io.opsplane.deploy.rollout.CanaryStep.Pause.forDuration(Duration.ofSeconds(30)),
                io.opsplane.deploy.rollout.CanaryStep.Pause.indefinitely(),
                new io.opsplane.deploy.rollout.CanaryStep.Analysis("canary-vs-stable")), canary.steps());
        assertEquals(List.of("errors", "canary-vs-stable"), Specs.templatesNamed(canary));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "150|strategy.canary.steps[0].setWeight",
        "-1|strategy.canary.steps[0].setWeight"})
    void weightsOutOfRangeNameTheStep(int weight, String field) {
        Strategy given = Strategy.newBuilder().setCanary(io.opsplane.proto.deploy.v1.CanaryStrategy.newBuilder()
                .addSteps(CanaryStep.newBuilder().setSetWeight(weight))).build();
        InvalidFieldException e = assertThrows(InvalidFieldException.class, () -> Specs.strategy("strategy", given));
        assertEquals(field, e.field());
    }

    @Test
    void aStepWithoutAKindAndABadTemplateNameAreRefused() {
        Strategy empty = Strategy.newBuilder().setCanary(io.opsplane.proto.deploy.v1.CanaryStrategy.newBuilder()
                .addSteps(CanaryStep.getDefaultInstance())).build();
        assertEquals("strategy.canary.steps[0]", assertThrows(InvalidFieldException.class,
                () -> Specs.strategy("strategy", empty)).field());
        Strategy badName = Strategy.newBuilder().setBlueGreen(io.opsplane.proto.deploy.v1.BlueGreenStrategy.newBuilder()
                .setPreSwitchAnalysis("Bad Name!")).build();
        assertEquals("strategy.blueGreen.preSwitchAnalysis", assertThrows(InvalidFieldException.class,
                () -> Specs.strategy("strategy", badName)).field());
    }

    @Test
    void blueGreenDefaults() {
        BlueGreenStrategy blueGreen = (BlueGreenStrategy) Specs.strategy("strategy", Strategy.newBuilder()
                .setBlueGreen(io.opsplane.proto.deploy.v1.BlueGreenStrategy.getDefaultInstance()).build());
        assertEquals(Specs.DEFAULT_HEALTH_TIMEOUT, blueGreen.healthTimeout());
        assertEquals(Specs.DEFAULT_SCALE_DOWN_DELAY, blueGreen.scaleDownDelay());
        assertEquals(false, blueGreen.autoPromote());
    }
}

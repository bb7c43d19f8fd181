package io.opsplane.deploy.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.opsplane.deploy.validation.InvalidFieldException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RolloutInputValidationTest {

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "setWeight, 25,    SetWeight[weight=25]",
            "setWeight, ' 0 ', SetWeight[weight=0]",
            "pause,     NULL,  Pause[duration=Optional.empty]",
            "pause,     '',    Pause[duration=Optional.empty]",
            "pause,     30s,   Pause[duration=Optional[PT30S]]",
            "pause,     5m,    Pause[duration=Optional[PT5M]]",
            "pause,     1h,    Pause[duration=Optional[PT1H]]",
            "pause,     PT90S, Pause[duration=Optional[PT1M30S]]",
            "analysis,  error-rate, Analysis[templateName=error-rate]",
    })
    void parsesStepsAsTheApiSendsThem(String kind, String argument, String expected) {
        assertEquals(expected, CanaryStep.parse("steps[0]", kind, argument).toString());
    }

    @ParameterizedTest
    @CsvSource(nullValues = "NULL", value = {
            "setWeight, 150,  steps[3].setWeight",
            "setWeight, -1,   steps[3].setWeight",
            "setWeight, ten,  steps[3].setWeight",
            "setWeight, NULL, steps[3].setWeight",
            "pause,     soon, steps[3].pause.duration",
            "pause,     5d,   steps[3].pause.duration",
            "pause,     -5s,  steps[3].pause.duration",
            "pause,     PT-5S, steps[3].pause.duration",
            "analysis,  ' ',  steps[3].analysis.templateName",
            "rollback,  5,    steps[3].kind",
            "NULL,      5,    steps[3].kind",
    })
    void rejectsBadStepsNamingTheField(String kind, String argument, String field) {
        InvalidFieldException error = assertThrows(InvalidFieldException.class,
                () -> CanaryStep.parse("steps[3]", kind, argument));
        assertEquals(field, error.field());
    }

    @Test
    void rejectsStepsAfterAFullPromotion() {
        List<CanaryStep> steps = List.of(new CanaryStep.SetWeight(50), new CanaryStep.SetWeight(100),
                CanaryStep.Pause.indefinitely());
        InvalidFieldException error = assertThrows(InvalidFieldException.class,
                () -> new CanaryStrategy(steps, Optional.empty()));
        assertEquals("steps[2]", error.field());
    }

    @Test
    void rejectsNoSteps() {
        assertEquals("steps", assertThrows(InvalidFieldException.class,
                () -> new CanaryStrategy(List.of(), Optional.empty())).field());
    }

    @ParameterizedTest
    @CsvSource({
            "150, -50, weights.stable",
            "-1,  101, weights.stable",
            "50,  150, weights.canary",
            "60,  60,  weights",
            "0,   0,   weights",
    })
    void rejectsWeightsOutOfRangeOrNotAddingUpTo100(int stable, int canary, String field) {
        assertEquals(field, assertThrows(InvalidFieldException.class, () -> new TrafficWeights(stable, canary)).field());
    }

    @ParameterizedTest
    @CsvSource({"-1, replicas", "1001, replicas"})
    void rejectsReplicasOutOfRange(int replicas, String field) {
        assertEquals(field, assertThrows(InvalidFieldException.class, () -> new RolloutSpec("v2", replicas,
                CanaryStrategy.withDefaultSteps(Optional.empty()), Duration.ofMinutes(10))).field());
    }

    @Test
    void rejectsBlueGreenTimingsThatCannotWork() {
        assertEquals("healthTimeout", assertThrows(InvalidFieldException.class, () -> new BlueGreenStrategy(
                Duration.ZERO, Optional.empty(), Optional.empty(), Duration.ZERO, true)).field());
        assertEquals("scaleDownDelay", assertThrows(InvalidFieldException.class, () -> new BlueGreenStrategy(
                Duration.ofMinutes(1), Optional.empty(), Optional.empty(), Duration.ofSeconds(-1), true)).field());
        assertEquals("postSwitchAnalysis", assertThrows(InvalidFieldException.class, () -> new BlueGreenStrategy(
                Duration.ofMinutes(1), Optional.empty(), Optional.of(""), Duration.ZERO, true)).field());
    }

    @Test
    void rejectsANonPositiveProgressDeadline() {
        assertEquals("progressDeadline", assertThrows(InvalidFieldException.class, () -> new RolloutSpec("v2", 2,
                CanaryStrategy.withDefaultSteps(Optional.empty()), Duration.ZERO)).field());
    }
}

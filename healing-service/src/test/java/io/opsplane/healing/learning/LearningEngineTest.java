package io.opsplane.healing.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LearningEngineTest {

    private static final IssueSignature ERRORS = new IssueSignature("HighErrorRate", "shop", "prod");
    private static final List<String> POLICY_ORDER = List.of("restart_instance", "rollback_deployment", "scale");

    /** Outcomes are {@code action+} or {@code action-}, separated by spaces, all for {@link #ERRORS}. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no history keeps the policy order   | ''                                                     | restart_instance rollback_deployment scale
            one success moves an action up      | scale+                                                 | scale restart_instance rollback_deployment
            one failure moves an action down    | restart_instance-                                      | rollback_deployment scale restart_instance
            a long record beats one lucky run   | rollback_deployment+ rollback_deployment+ rollback_deployment+ rollback_deployment+ rollback_deployment- scale+ | rollback_deployment scale restart_instance
            equal records keep the policy order | scale+ restart_instance+                               | restart_instance scale rollback_deployment
            """)
    void reRanksActionsByExpectedSuccess(String title, String outcomes, String expected) {
        LearningEngine engine = new LearningEngine();
        for (String outcome : outcomes.isEmpty() ? new String[0] : outcomes.split(" ")) {
            engine.recordOutcome(ERRORS, outcome.substring(0, outcome.length() - 1), outcome.endsWith("+"));
        }
        List<String> ranked = engine.rank(ERRORS, POLICY_ORDER, action -> action).stream()
                .map(RankedAction::action).toList();
        assertEquals(List.of(expected.split(" ")), ranked);
    }

    @Test
    void smoothsWithABetaOneOnePrior() {
        LearningEngine engine = new LearningEngine();
        engine.recordOutcome(ERRORS, "scale", true);
        engine.recordOutcome(ERRORS, "scale", true);
        engine.recordOutcome(ERRORS, "scale", false);
        RankedAction<String> scale = engine.rank(ERRORS, List.of("scale"), action -> action).get(0);
        assertEquals(2, scale.successes());
        assertEquals(1, scale.failures());
        assertEquals(3.0 / 5.0, scale.expectedSuccess(), 1e-12);
        assertEquals(0.5, engine.rank(ERRORS, List.of("webhook"), action -> action).get(0).expectedSuccess(), 1e-12);
    }

    @Test
    void keepsEachSignatureApart() {
        LearningEngine engine = new LearningEngine();
        engine.recordOutcome(new IssueSignature("HighErrorRate", "cart", "prod"), "scale", true);
        assertEquals(0.5, engine.rank(ERRORS, List.of("scale"), action -> action).get(0).expectedSuccess(), 1e-12);
    }

    @Test
    void signsIssuesByAlertApplicationAndEnvironmentOnly() {
        assertEquals(ERRORS, IssueSignature.of(Map.of("alertname", "HighErrorRate", "application", "shop",
                "environment", "prod", "instance", "10.0.0.7:8080")));
    }
}

package io.opsplane.healing.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opsplane.platform.yaml.YamlException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PolicyCyclesTest {

    /** Each policy is {@code name:action:eventType[:filter]}; policies are separated by spaces. */
    private static String file(String policies) {
        StringBuilder yaml = new StringBuilder("policies:\n");
        for (String spec : policies.split(" ")) {
            String[] part = spec.split(":", 4);
            String filters = part.length > 3 ? ", filters: ['" + part[3] + "']" : "";
            yaml.append("  - name: ").append(part[0]).append('\n')
                    .append("    triggers: [{event: ").append(part[2]).append(filters).append("}]\n")
                    .append("    actions: [").append(action(part[1])).append("]\n");
        }
        return yaml.toString();
    }

    private static String action(String type) {
        return switch (type) {
            case "run_pipeline" -> "{type: run_pipeline, parameters: {pipeline: deploy}}";
            case "silence_alert" -> "{type: silence_alert, parameters: {duration: 1h}}";
            case "rollback_deployment" -> "{type: rollback_deployment, parameters: {application: a, environment: b}}";
            default -> "{type: " + type + "}";
        };
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            rollback on deploy, retry pipeline   | a:rollback_deployment:PipelineCompleted b:run_pipeline:DeploymentRolledBack | a → b → a
            own failure retriggers               | a:acknowledge_alert:RemediationFailed                                      | a → a
            filtered on itself                   | a:acknowledge_alert:RemediationFailed:policy="a"                           | a → a
            three-step loop                      | a:rollback_deployment:RemediationVerified:policy="c" b:acknowledge_alert:TrafficShifted c:acknowledge_alert:RemediationStarted:policy="b" | a → b → c → a
            regex admits the action              | a:rollback_deployment:RemediationStarted:action=~"rollback_.*"             | a → a
            """)
    void refusesPoliciesThatTriggerEachOther(String title, String policies, String cycle) {
        YamlException error = assertThrows(YamlException.class, () -> HealingPolicyReader.read(file(policies)));
        assertTrue(error.getMessage().contains("without end: " + cycle), error.getMessage());
        assertEquals(2, error.line(), "at the first policy of the cycle: " + error.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            chain without return                 | a:rollback_deployment:AlertFiring b:acknowledge_alert:DeploymentRolledBack
            failure of another policy only       | a:acknowledge_alert:RemediationFailed:policy="b" b:silence_alert:AlertFiring
            action filter excludes               | a:rollback_deployment:RemediationStarted:action="scale"
            rollback does not run pipelines      | a:rollback_deployment:PipelineStarted
            """)
    void acceptsPoliciesThatEndTheirChain(String title, String policies) {
        assertEquals(policies.split(" ").length, HealingPolicyReader.read(file(policies)).size());
    }
}

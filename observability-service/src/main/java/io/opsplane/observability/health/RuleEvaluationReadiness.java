package io.opsplane.observability.health;

import io.opsplane.observability.rules.runtime.GroupStatus;
import io.opsplane.observability.rules.runtime.RuleEvaluators;
import io.opsplane.observability.rules.runtime.RuleHealth;
import io.opsplane.observability.service.RuleEvaluation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Rule evaluation: not ready while this instance's heartbeat has lapsed (the database is out of reach, so it
 * evaluates nothing); the groups it evaluates and how many of their rules failed last time are reported (all of
 * them when the metrics store is down).
 */
@Readiness
@ApplicationScoped
public class RuleEvaluationReadiness implements HealthCheck {

    @Inject
    RuleEvaluation evaluation;

    @Override
    public HealthCheckResponse call() {
        RuleEvaluators evaluators = evaluation.evaluators();
        if (evaluators == null) {
            return HealthCheckResponse.named("Rule evaluation").up().withData("evaluating", false).build();
        }
        long rules = 0;
        long failing = 0;
        for (GroupStatus status : evaluators.statuses().values()) {
            rules += status.rules().size();
            failing += status.rules().stream().filter(rule -> rule.health().equals(RuleHealth.ERR)).count();
        }
        return HealthCheckResponse.named("Rule evaluation").status(evaluators.leaseHeld())
                .withData("instance", evaluators.instanceId()).withData("groups", evaluators.ownedGroups().size())
                .withData("rules", rules).withData("rulesFailing", failing).build();
    }
}

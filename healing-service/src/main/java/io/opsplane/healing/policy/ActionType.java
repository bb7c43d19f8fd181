package io.opsplane.healing.policy;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The remediations a policy may order, with the parameters each takes and the events it makes other services emit;
 * those events are how one policy's action can trigger another policy, which is what the cycle check follows.
 */
public enum ActionType {
    ROLLBACK_DEPLOYMENT("rollback_deployment", Set.of("application", "environment"), Set.of("reason"),
            Set.of("DeploymentRolledBack", "TrafficShifted")),
    ABORT_ROLLOUT("abort_rollout", Set.of("application", "environment"), Set.of("reason"),
            Set.of("DeploymentRolledBack", "TrafficShifted")),
    PAUSE_ROLLOUT("pause_rollout", Set.of("application", "environment"), Set.of("reason"), Set.of()),
    RESTART_INSTANCE("restart_instance", Set.of("application", "environment", "instance"), Set.of(), Set.of()),
    SCALE("scale", Set.of("application", "environment", "replicas"), Set.of(), Set.of()),
    // A pipeline may deploy, so its run can cause every deployment event as well as its own.
    RUN_PIPELINE("run_pipeline", Set.of("pipeline"), Set.of("ref"), Set.of("PipelineStarted", "JobStarted",
            "JobCompleted", "PipelineCompleted", "DeploymentStarted", "TrafficShifted", "DeploymentCompleted",
            "DeploymentRolledBack")),
    SILENCE_ALERT("silence_alert", Set.of("duration"), Set.of("comment"), Set.of()),
    ACKNOWLEDGE_ALERT("acknowledge_alert", Set.of(), Set.of("comment"), Set.of()),
    WEBHOOK("webhook", Set.of("url"), Set.of("body"), Set.of());

    /** Every remediation announces itself with these, whatever its type. */
    public static final Set<String> REMEDIATION_EVENTS =
            Set.of("RemediationStarted", "RemediationVerified", "RemediationFailed");

    private final String spelling;
    private final Set<String> requiredParameters;
    private final Set<String> optionalParameters;
    private final Set<String> causedEvents;

    ActionType(String spelling, Set<String> required, Set<String> optional, Set<String> caused) {
        this.spelling = spelling;
        this.requiredParameters = required;
        this.optionalParameters = optional;
        this.causedEvents = caused;
    }

    public static Optional<ActionType> bySpelling(String spelling) {
        return Arrays.stream(values()).filter(type -> type.spelling.equals(spelling)).findFirst();
    }

    public String spelling() {
        return spelling;
    }

    public Set<String> requiredParameters() {
        return requiredParameters;
    }

    public boolean takes(String parameter) {
        return requiredParameters.contains(parameter) || optionalParameters.contains(parameter);
    }

    /** The event types this action can cause, its own remediation events included. */
    public boolean causes(String eventType) {
        return causedEvents.contains(eventType) || REMEDIATION_EVENTS.contains(eventType);
    }
}

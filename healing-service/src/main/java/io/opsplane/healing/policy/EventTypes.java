package io.opsplane.healing.policy;

import java.util.Set;

/** The event types of the platform's contracts that an event trigger may name. */
final class EventTypes {

    static final Set<String> KNOWN = Set.of(
            "PipelineRegistered", "PipelineStarted", "JobStarted", "JobCompleted", "PipelineCompleted",
            "PlanCreated", "ChangeApplied", "DriftDetected",
            "DeploymentStarted", "TrafficShifted", "DeploymentCompleted", "DeploymentRolledBack", "ConfigChanged",
            "AlertFiring", "AlertResolved", "NotificationSent",
            "IssueDiagnosed", "RemediationStarted", "RemediationVerified", "RemediationFailed",
            "AccessDenied", "ScanCompleted", "ComplianceChanged");

    private EventTypes() {
    }
}

package io.opsplane.security.environments;

import io.opsplane.platform.access.Decision;
import io.opsplane.platform.auth.CallerIdentity;
import io.opsplane.platform.outbox.Outbox;
import io.opsplane.proto.events.v1.DeploymentAuthorized;
import io.opsplane.security.approval.ApprovalRequest;
import io.opsplane.security.approval.DeployAction;
import io.opsplane.security.approval.DeployGate;
import io.opsplane.security.approval.DeploymentTarget;
import io.opsplane.security.approval.EnvironmentNames;
import io.opsplane.security.approval.EnvironmentProtection;
import io.opsplane.security.approval.GateDecision;
import io.opsplane.security.domain.ApprovalRequestRow;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;

/**
 * Decides, for the person a deploying service acts for, whether one deployment may go ahead: their
 * permission first, then {@link DeployGate}. An allowed decision in a protected environment uses up
 * the approval request in the same transaction (its row locked), so an approval lets exactly one
 * deployment through. Every decision is recorded as a DeploymentAuthorized event.
 */
@ApplicationScoped
public class DeploymentGatekeeper {

    @Inject
    Outbox outbox;

    public Uni<GateDecision> authorize(CallerIdentity caller, String environment, String action, String resource,
            String requestId) {
        DeploymentTarget target = new DeploymentTarget(EnvironmentNames.requireName(environment),
                DeployAction.ofPermission(action), resource);
        String id = requestId == null ? "" : requestId;
        return outbox.inTransaction(() -> {
            Decision permitted = caller.authority().decide(action, ApprovalSteps.objectOf(target));
            Uni<GateDecision> decided = permitted.allowed()
                    ? ProtectedEnvironments.governing(target.environment())
                            .flatMap(protection -> gate(caller, target, id, protection))
                    : Uni.createFrom().item(new GateDecision(false, permitted.reason(), false));
            return decided.flatMap(decision -> outbox.record(target.environment(), DeploymentAuthorized.newBuilder()
                    .setEnvironment(target.environment()).setAction(action).setResource(target.resource())
                    .setRequester(caller.subject()).setRequestId(id)
                    .setOutcome(decision.allowed() ? "allowed" : "denied").setReason(decision.reason())
                    .setRelayedBy(caller.relayedBy()).build()).replaceWith(decision));
        });
    }

    private Uni<GateDecision> gate(CallerIdentity caller, DeploymentTarget target, String id,
            Optional<EnvironmentProtection> protection) {
        Instant now = Instant.now();
        if (protection.isEmpty() || id.isEmpty()) {
            return Uni.createFrom().item(decide(caller, target, protection, Optional.empty(), now));
        }
        return ApprovalRequestRow.<ApprovalRequestRow>findById(id, LockModeType.PESSIMISTIC_WRITE).flatMap(row -> {
            if (row == null) {
                return Uni.createFrom().item(new GateDecision(false, "no approval request with id '" + id + "'", false));
            }
            return ApprovalStore.withReviews(row).map(request -> {
                GateDecision decision = decide(caller, target, protection, Optional.of(request), now);
                if (decision.consumesRequest()) {
                    row.update(ApprovalSteps.step(() -> request.use(now)));
                }
                return decision;
            });
        });
    }

    private static GateDecision decide(CallerIdentity caller, DeploymentTarget target,
            Optional<EnvironmentProtection> protection, Optional<ApprovalRequest> request, Instant now) {
        return DeployGate.decide(protection, caller.subject(), new HashSet<>(caller.principal().getGroupsList()), target,
                request, now);
    }
}

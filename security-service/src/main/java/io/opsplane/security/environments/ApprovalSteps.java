package io.opsplane.security.environments;

import io.opsplane.platform.access.ResourceRef;
import io.opsplane.platform.errors.DomainException;
import io.opsplane.security.approval.ApprovalClosedException;
import io.opsplane.security.approval.ApprovalRefusedException;
import io.opsplane.security.approval.DeploymentTarget;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** What the approval services share: the object decisions are made on, and engine refusals as domain errors. */
final class ApprovalSteps {

    private static final Pattern GROUP = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._@:/+-]{0,255}$");

    private ApprovalSteps() {
    }

    /** The resource within its environment: a binding at either reaches it. */
    static ResourceRef objectOf(DeploymentTarget target) {
        return ResourceRef.parse(target.resource()).in("environment", target.environment());
    }

    /** Runs an engine step, turning its refusals into PERMISSION_DENIED and FAILED_PRECONDITION. */
    static <T> T step(Supplier<T> step) {
        try {
            return step.get();
        } catch (ApprovalRefusedException e) {
            throw DomainException.permissionDenied(e.getMessage());
        } catch (ApprovalClosedException e) {
            throw DomainException.failedPrecondition(e.getMessage());
        }
    }

    /** The caller's groups that an allow list can name at all (what a review keeps). */
    static Set<String> nameableGroups(List<String> groups) {
        Set<String> kept = new TreeSet<>();
        for (String group : groups) {
            if (GROUP.matcher(group).matches()) {
                kept.add(group);
            }
        }
        return kept;
    }
}

package io.opsplane.security.approval;

import java.util.Collection;

/**
 * The rule of a protected environment: how many approvals a deployment needs, who may deploy at all,
 * and, when listed, who may approve (otherwise anyone holding deployments:approve there).
 *
 * @param pattern the environments it governs, see {@link EnvironmentNames}
 * @param requiredApprovals distinct approvers, other than the requester, a deployment needs
 * @param deployers who may deploy; never empty, since a protection nobody passes is a mistake, not a freeze
 * @param approvers who may approve; empty means anyone with deployments:approve on the environment
 */
public record EnvironmentProtection(String pattern, int requiredApprovals, AllowList deployers, AllowList approvers) {

    public static final int MAX_REQUIRED_APPROVALS = 10;

    public EnvironmentProtection {
        EnvironmentNames.requirePattern(pattern);
        if (requiredApprovals < 1 || requiredApprovals > MAX_REQUIRED_APPROVALS) {
            throw new IllegalArgumentException("required_approvals must be between 1 and " + MAX_REQUIRED_APPROVALS
                    + ", not " + requiredApprovals);
        }
        if (deployers == null || deployers.isEmpty()) {
            throw new IllegalArgumentException("a protected environment needs at least one subject or group allowed "
                    + "to deploy");
        }
        approvers = approvers == null ? AllowList.EMPTY : approvers;
    }

    public boolean governs(String environment) {
        return EnvironmentNames.matches(pattern, environment);
    }

    public boolean allowsToDeploy(String subject, Collection<String> groups) {
        return deployers.includes(subject, groups);
    }

    public boolean allowsToApprove(String subject, Collection<String> groups) {
        return approvers.isEmpty() || approvers.includes(subject, groups);
    }
}

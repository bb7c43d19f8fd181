package io.opsplane.security.approval;

import java.time.Instant;
import java.util.Set;

/**
 * One approver's verdict on a request.
 *
 * @param approverGroups the approver's groups when they reviewed, so the gate can check the approver
 *     against the protection's approver list as it is when the deployment comes
 */
public record Review(String approver, Set<String> approverGroups, Verdict verdict, String comment, Instant at) {

    public Review {
        approverGroups = Set.copyOf(approverGroups);
        comment = FreeText.require("comment", comment);
    }
}

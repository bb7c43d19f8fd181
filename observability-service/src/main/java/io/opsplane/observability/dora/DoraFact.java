package io.opsplane.observability.dora;

import java.time.Instant;
import java.util.List;

/** The events the four keys are computed from, each keeping the id of the event it was read from. */
public sealed interface DoraFact {

    String eventId();

    /** A pipeline run started for a commit: the commit's time is where lead time starts. */
    record CommitBuilt(String eventId, String commitSha, Instant committedAt) implements DoraFact {
    }

    record DeploymentCompleted(String eventId, String deploymentId, String application, String environment,
            String commitSha, Instant completedAt) implements DoraFact {
    }

    record DeploymentRolledBack(String eventId, String deploymentId, Instant at) implements DoraFact {
    }

    /** An incident, with the deployments diagnosis linked it to. */
    record IncidentOpened(String eventId, String incidentId, String application, String environment,
            List<String> deploymentIds, Instant openedAt) implements DoraFact {
        public IncidentOpened {
            deploymentIds = List.copyOf(deploymentIds);
        }
    }

    record IncidentResolved(String eventId, String incidentId, Instant resolvedAt) implements DoraFact {
    }
}

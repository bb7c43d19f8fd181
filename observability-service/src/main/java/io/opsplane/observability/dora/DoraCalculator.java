package io.opsplane.observability.dora;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes DORA's four keys from event facts alone. A deployment counts in the period its {@code DeploymentCompleted}
 * falls in; it is a failed change when a rollback or an incident names it, and counts once however many do, so two
 * incidents on one bad deployment do not double the failure rate. Time to restore covers incidents opened in the
 * period and resolved; incidents still open have no restore time yet.
 */
public final class DoraCalculator {

    private DoraCalculator() {
    }

    public static DoraReport report(List<DoraFact> facts, String application, String environment, Instant from,
            Instant to) {
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the period must end after it starts");
        }
        List<DoraFact.DeploymentCompleted> deployments = facts.stream()
                .filter(DoraFact.DeploymentCompleted.class::isInstance).map(DoraFact.DeploymentCompleted.class::cast)
                .filter(d -> d.application().equals(application) && d.environment().equals(environment))
                .filter(d -> !d.completedAt().isBefore(from) && d.completedAt().isBefore(to))
                .toList();
        List<DoraFact.IncidentOpened> incidents = facts.stream()
                .filter(DoraFact.IncidentOpened.class::isInstance).map(DoraFact.IncidentOpened.class::cast)
                .toList();
        return new DoraReport(application, environment, from, to,
                deploymentFrequency(deployments, from, to),
                leadTime(deployments, facts),
                changeFailureRate(deployments, incidents, facts),
                timeToRestore(incidents.stream().filter(i -> i.application().equals(application)
                        && i.environment().equals(environment) && !i.openedAt().isBefore(from)
                        && i.openedAt().isBefore(to)).toList(), facts));
    }

    private static DoraKey deploymentFrequency(List<DoraFact.DeploymentCompleted> deployments, Instant from,
            Instant to) {
        double days = Duration.between(from, to).toMillis() / (double) Duration.ofDays(1).toMillis();
        double perDay = deployments.size() / days;
        return DoraKey.of(perDay, PerformanceBand.ofDeploymentsPerDay(perDay),
                deployments.stream().map(DoraFact::eventId).toList());
    }

    private static DoraKey leadTime(List<DoraFact.DeploymentCompleted> deployments, List<DoraFact> facts) {
        Map<String, DoraFact.CommitBuilt> commits = new HashMap<>();
        facts.stream().filter(DoraFact.CommitBuilt.class::isInstance).map(DoraFact.CommitBuilt.class::cast)
                .forEach(commit -> commits.putIfAbsent(commit.commitSha(), commit));
        List<Duration> leadTimes = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (DoraFact.DeploymentCompleted deployment : deployments) {
            DoraFact.CommitBuilt commit = commits.get(deployment.commitSha());
            if (commit != null && !commit.committedAt().isAfter(deployment.completedAt())) {
                leadTimes.add(Duration.between(commit.committedAt(), deployment.completedAt()));
                eventIds.add(commit.eventId());
                eventIds.add(deployment.eventId());
            }
        }
        if (leadTimes.isEmpty()) {
            return DoraKey.unmeasured(eventIds);
        }
        Duration median = median(leadTimes);
        return DoraKey.of(median.toMillis() / 1000.0, PerformanceBand.ofLeadTime(median), eventIds);
    }

    private static DoraKey changeFailureRate(List<DoraFact.DeploymentCompleted> deployments,
            List<DoraFact.IncidentOpened> incidents, List<DoraFact> facts) {
        Map<String, List<String>> failureEvents = new HashMap<>();
        for (DoraFact fact : facts) {
            if (fact instanceof DoraFact.DeploymentRolledBack rollback) {
                failureEvents.computeIfAbsent(rollback.deploymentId(), id -> new ArrayList<>()).add(rollback.eventId());
            }
        }
        for (DoraFact.IncidentOpened incident : incidents) {
            for (String deploymentId : new LinkedHashSet<>(incident.deploymentIds())) {
                failureEvents.computeIfAbsent(deploymentId, id -> new ArrayList<>()).add(incident.eventId());
            }
        }
        Set<String> eventIds = new LinkedHashSet<>();
        int failed = 0;
        for (DoraFact.DeploymentCompleted deployment : deployments) {
            eventIds.add(deployment.eventId());
            List<String> failures = failureEvents.get(deployment.deploymentId());
            if (failures != null) {
                failed++;
                eventIds.addAll(failures);
            }
        }
        if (deployments.isEmpty()) {
            return DoraKey.unmeasured(List.of());
        }
        double rate = failed / (double) deployments.size();
        return DoraKey.of(rate, PerformanceBand.ofChangeFailureRate(rate), List.copyOf(eventIds));
    }

    private static DoraKey timeToRestore(List<DoraFact.IncidentOpened> incidents, List<DoraFact> facts) {
        Map<String, DoraFact.IncidentResolved> resolutions = new HashMap<>();
        facts.stream().filter(DoraFact.IncidentResolved.class::isInstance).map(DoraFact.IncidentResolved.class::cast)
                .forEach(resolved -> resolutions.putIfAbsent(resolved.incidentId(), resolved));
        List<Duration> restoreTimes = new ArrayList<>();
        List<String> eventIds = new ArrayList<>();
        for (DoraFact.IncidentOpened incident : incidents) {
            DoraFact.IncidentResolved resolved = resolutions.get(incident.incidentId());
            if (resolved != null && !resolved.resolvedAt().isBefore(incident.openedAt())) {
                restoreTimes.add(Duration.between(incident.openedAt(), resolved.resolvedAt()));
                eventIds.add(incident.eventId());
                eventIds.add(resolved.eventId());
            }
        }
        if (restoreTimes.isEmpty()) {
            return DoraKey.unmeasured(eventIds);
        }
        Duration median = median(restoreTimes);
        return DoraKey.of(median.toMillis() / 1000.0, PerformanceBand.ofTimeToRestore(median), eventIds);
    }

    /** The middle value, or the mean of the two middle ones for an even count. */
    static Duration median(List<Duration> durations) {
        List<Duration> sorted = durations.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle)
                : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
    }
}

package io.opsplane.observability.alerting.dispatch;

import io.opsplane.observability.alerting.alert.Alert;
import io.opsplane.observability.alerting.inhibit.Inhibitor;
import io.opsplane.observability.alerting.routing.Route;
import io.opsplane.observability.alerting.silence.Silence;
import io.opsplane.observability.alerting.timeinterval.TimeInterval;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What keeps an alert out of a notification: an active silence or an inhibition (per alert), and the route's
 * mute time intervals or, when it has any, being outside its active time intervals (per notification).
 */
public final class Muting {

    private final List<Silence> silences;
    private final Inhibitor inhibitor;
    private final Map<String, TimeInterval> timeIntervals;

    public Muting(List<Silence> silences, Inhibitor inhibitor, Map<String, TimeInterval> timeIntervals) {
        this.silences = List.copyOf(silences);
        this.inhibitor = inhibitor;
        this.timeIntervals = Map.copyOf(timeIntervals);
    }

    public boolean mutes(Alert alert, Collection<Alert> allAlerts, Instant now) {
        return silences.stream().anyMatch(silence -> silence.mutes(alert.labels(), now))
                || inhibitor.inhibits(alert.labels(), allAlerts, now);
    }

    public boolean mutesRoute(Route route, Instant now) {
        if (route.options().muteTimeIntervals().stream().anyMatch(name -> contains(name, now))) {
            return true;
        }
        List<String> active = route.options().activeTimeIntervals();
        return !active.isEmpty() && active.stream().noneMatch(name -> contains(name, now));
    }

    private boolean contains(String name, Instant now) {
        TimeInterval interval = timeIntervals.get(name);
        return interval != null && interval.contains(now);
    }
}

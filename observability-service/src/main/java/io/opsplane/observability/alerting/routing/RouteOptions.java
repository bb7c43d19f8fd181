package io.opsplane.observability.alerting.routing;

import java.time.Duration;
import java.util.List;

/**
 * What a route decides for the alerts it takes. Receiver, grouping and timings are inherited from the parent
 * route unless set; the time intervals are not (as Alertmanager 0.25's {@code dispatch.NewRoute}).
 */
public record RouteOptions(String receiver, List<String> groupBy, boolean groupByAll, Duration groupWait,
        Duration groupInterval, Duration repeatInterval, List<String> muteTimeIntervals,
        List<String> activeTimeIntervals) {

    /** Alertmanager's defaults for the root route. */
    public static final Duration DEFAULT_GROUP_WAIT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_GROUP_INTERVAL = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

    public RouteOptions {
        groupBy = List.copyOf(groupBy);
        muteTimeIntervals = List.copyOf(muteTimeIntervals);
        activeTimeIntervals = List.copyOf(activeTimeIntervals);
    }
}

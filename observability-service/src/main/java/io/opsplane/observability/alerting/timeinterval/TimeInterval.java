package io.opsplane.observability.alerting.timeinterval;

import java.time.Instant;
import java.util.List;

/** A named time interval: an instant is inside when any of its periods contains it. */
public record TimeInterval(String name, List<TimePeriod> periods) {

    public TimeInterval {
        periods = List.copyOf(periods);
    }

    public boolean contains(Instant instant) {
        return periods.stream().anyMatch(period -> period.contains(instant));
    }
}

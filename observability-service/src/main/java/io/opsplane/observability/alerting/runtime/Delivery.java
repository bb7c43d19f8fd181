package io.opsplane.observability.alerting.runtime;

import io.opsplane.observability.alerting.config.Receiver;
import io.opsplane.observability.alerting.dispatch.Notification;

/** One delivery to make: the notification, its receiver as configured, and why it is sent. */
record Delivery(Notification notification, Receiver receiver, String reason) {

    /** At most one delivery per key is queued or under way: one group's notifications to one integration. */
    String key() {
        return reason + "\u0000" + notification.groupKey() + "\u0000" + notification.integration().receiver()
                + "\u0000" + notification.integration().name();
    }

    /** Where it goes: deliveries to one integration share a limit on attempts under way. */
    String lane() {
        return notification.integration().receiver() + "\u0000" + notification.integration().name();
    }

    /** Whether {@code later}, made while this one was under way, tells nothing this one did not once delivered. */
    boolean covers(Delivery later) {
        return reason.equals(later.reason) && notification.firing().equals(later.notification.firing())
                && notification.resolved().equals(later.notification.resolved());
    }
}

package io.opsplane.observability.alerting.dispatch;

import io.opsplane.observability.alerting.config.Receiver;
import java.util.ArrayList;
import java.util.List;

/**
 * One notifier of a receiver, such as its second webhook ({@code webhook[1]}). Each keeps its own notification
 * log entry, because each decides on its own whether resolved alerts are sent.
 */
public record Integration(String receiver, String kind, int index, boolean sendResolved) {

    public static List<Integration> of(Receiver receiver) {
        List<Integration> all = new ArrayList<>();
        for (int i = 0; i < receiver.webhooks().size(); i++) {
            all.add(new Integration(receiver.name(), "webhook", i, receiver.webhooks().get(i).sendResolved()));
        }
        for (int i = 0; i < receiver.slacks().size(); i++) {
            all.add(new Integration(receiver.name(), "slack", i, receiver.slacks().get(i).sendResolved()));
        }
        return all;
    }

    public String name() {
        return kind + "[" + index + "]";
    }
}

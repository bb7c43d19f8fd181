package io.opsplane.observability.alerting.dispatch;

import io.opsplane.observability.alerting.alert.Alert;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;

/**
 * The order of alerts in a notification, as Alertmanager's {@code types.AlertSlice}: by the {@code job} label,
 * then {@code instance} (alerts that have one first), then by the whole sorted label set.
 */
final class AlertOrder implements Comparator<Alert> {

    static final AlertOrder INSTANCE = new AlertOrder();

    @Override
    public int compare(Alert a, Alert b) {
        for (String name : new String[] {"job", "instance"}) {
            String left = a.labels().get(name);
            String right = b.labels().get(name);
            if (left == null && right == null) {
                continue;
            }
            if (left == null) {
                return 1;
            }
            if (right == null) {
                return -1;
            }
            if (!left.equals(right)) {
                return left.compareTo(right);
            }
        }
        return compareLabelSets(a.labels(), b.labels());
    }

    private static int compareLabelSets(Map<String, String> a, Map<String, String> b) {
        Iterator<Map.Entry<String, String>> left = a.entrySet().iterator();
        Iterator<Map.Entry<String, String>> right = b.entrySet().iterator();
        while (left.hasNext() && right.hasNext()) {
            Map.Entry<String, String> l = left.next();
            Map.Entry<String, String> r = right.next();
            int byName = l.getKey().compareTo(r.getKey());
            if (byName != 0) {
                return byName;
            }
            int byValue = l.getValue().compareTo(r.getValue());
            if (byValue != 0) {
                return byValue;
            }
        }
        return Integer.compare(a.size(), b.size());
    }
}

package io.opsplane.observability.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which live observability-service instance evaluates each rule group, by rendezvous hashing:
 * every instance scores every group and the highest score owns it. All instances that see the same
 * set of live ids agree without talking to each other, and when an instance joins or leaves only
 * the groups it gains or owned move.
 */
public final class GroupAssignment {

    private final SortedSet<String> instances;

    public GroupAssignment(Collection<String> liveInstanceIds) {
        if (liveInstanceIds.isEmpty()) {
            throw new IllegalArgumentException("no live instance to assign rule groups to");
        }
        for (String id : liveInstanceIds) {
            if (id == null || id.isBlank()) {
                throw new IllegalArgumentException("instance ids must not be blank");
            }
        }
        this.instances = new TreeSet<>(liveInstanceIds);
    }

    /** The instance that evaluates the group identified by {@code groupKey} (e.g. file and name). */
    public String ownerOf(String groupKey) {
        String owner = null;
        long best = 0;
        for (String instance : instances) {
            long score = score(instance, groupKey);
            // Ties (practically impossible) go to the smaller id, as instances are visited in order.
            if (owner == null || Long.compareUnsigned(score, best) > 0) {
                owner = instance;
                best = score;
            }
        }
        return owner;
    }

    /** The groups among {@code groupKeys} that {@code instance} owns. */
    public List<String> ownedBy(String instance, Collection<String> groupKeys) {
        List<String> owned = new ArrayList<>();
        for (String key : groupKeys) {
            if (ownerOf(key).equals(instance)) {
                owned.add(key);
            }
        }
        return owned;
    }

    /** Every group's owner, by group key. */
    public Map<String, String> owners(Collection<String> groupKeys) {
        Map<String, String> owners = new TreeMap<>();
        groupKeys.forEach(key -> owners.put(key, ownerOf(key)));
        return owners;
    }

    private static long score(String instance, String groupKey) {
        byte[] id = instance.getBytes(StandardCharsets.UTF_8);
        byte[] key = groupKey.getBytes(StandardCharsets.UTF_8);
        byte[] both = new byte[id.length + 1 + key.length];
        System.arraycopy(id, 0, both, 0, id.length);
        both[id.length] = (byte) 0xff;
        System.arraycopy(key, 0, both, id.length + 1, key.length);
        return XxHash64.hash(both);
    }
}

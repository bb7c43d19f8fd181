package io.opsplane.observability.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GroupAssignmentTest {

    private static final List<String> GROUPS = IntStream.range(0, 600).mapToObj(i -> "rules/team" + i % 7 + ".yml;group-" + i).toList();

    @ParameterizedTest(name = "{0} instances")
    @CsvSource({"1", "2", "3", "5", "8"})
    void everyGroupHasExactlyOneOwnerAndLoadIsSpread(int count) {
        List<String> instances = IntStream.range(0, count).mapToObj(i -> "observability-" + i).toList();
        GroupAssignment assignment = new GroupAssignment(instances);
        int total = 0;
        for (String instance : instances) {
            int owned = assignment.ownedBy(instance, GROUPS).size();
            total += owned;
            double share = owned / (double) GROUPS.size();
            assertTrue(Math.abs(share - 1.0 / count) < 0.35 / count, instance + " owns " + owned);
        }
        assertEquals(GROUPS.size(), total);
    }

    @Test
    void everyInstanceComputesTheSameOwnersWhateverTheOrderOfIds() {
        Map<String, String> one = new GroupAssignment(List.of("a", "b", "c")).owners(GROUPS);
        Map<String, String> other = new GroupAssignment(List.of("c", "a", "b", "a")).owners(GROUPS);
        assertEquals(one, other);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an instance leaves | a,b,c,d | a,b,c
            an instance joins  | a,b,c   | a,b,c,d
            """)
    void onlyGroupsOfTheLeavingOrJoiningInstanceMove(String name, String before, String after) {
        GroupAssignment old = new GroupAssignment(List.of(before.split(",")));
        GroupAssignment now = new GroupAssignment(List.of(after.split(",")));
        List<String> moved = new ArrayList<>();
        for (String group : GROUPS) {
            if (!old.ownerOf(group).equals(now.ownerOf(group))) {
                moved.add(group);
                assertTrue(old.ownerOf(group).equals("d") || now.ownerOf(group).equals("d"), group);
            }
        }
        assertTrue(!moved.isEmpty() && moved.size() < GROUPS.size() / 2, moved.size() + " groups moved");
    }

    @Test
    void refusesNoInstancesAndBlankIds() {
        assertEquals("no live instance to assign rule groups to",
                assertThrows(IllegalArgumentException.class, () -> new GroupAssignment(Set.of())).getMessage());
        assertEquals("instance ids must not be blank",
                assertThrows(IllegalArgumentException.class, () -> new GroupAssignment(List.of("a", " "))).getMessage());
    }
}

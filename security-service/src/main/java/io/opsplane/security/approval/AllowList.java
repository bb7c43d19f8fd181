package io.opsplane.security.approval;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Subjects and groups named by a protection; a principal is on the list by subject or by any of its groups. */
public record AllowList(Set<String> subjects, Set<String> groups) {

    /** Entries of each kind; a list is read on every decision, so it stays short. */
    public static final int MAX_ENTRIES = 50;
    public static final AllowList EMPTY = new AllowList(Set.of(), Set.of());
    /** As for bindings; no comma, so a list is stored as one comma-separated column. */
    private static final Pattern PRINCIPAL = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._@:/+-]{0,255}$");

    public AllowList {
        subjects = checked("subject", subjects);
        groups = checked("group", groups);
    }

    public static AllowList of(Collection<String> subjects, Collection<String> groups) {
        return new AllowList(new TreeSet<>(subjects), new TreeSet<>(groups));
    }

    public boolean isEmpty() {
        return subjects.isEmpty() && groups.isEmpty();
    }

    public boolean includes(String subject, Collection<String> memberOf) {
        if (subjects.contains(subject)) {
            return true;
        }
        for (String group : memberOf) {
            if (groups.contains(group)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "subjects " + subjects + ", groups " + groups;
    }

    private static Set<String> checked(String kind, Set<String> names) {
        if (names.size() > MAX_ENTRIES) {
            throw new IllegalArgumentException("at most " + MAX_ENTRIES + " " + kind + "s, not " + names.size());
        }
        for (String name : names) {
            if (name == null || !PRINCIPAL.matcher(name).matches()) {
                throw new IllegalArgumentException(kind + " '" + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?"))
                        + "' must be 1 to 256 letters, digits or ' ._@:/+-', starting with a letter or digit");
            }
        }
        return Collections.unmodifiableSet(new TreeSet<>(names));
    }
}

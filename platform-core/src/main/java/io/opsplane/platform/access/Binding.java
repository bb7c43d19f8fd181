package io.opsplane.platform.access;

import java.util.regex.Pattern;

/** A role granted to a subject or to a group (exactly one of them) at a scope. */
public record Binding(String id, String role, Scope scope, String subject, String group) {

    private static final Pattern PRINCIPAL = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9 ._@:/+-]{0,255}$");

    public Binding {
        subject = subject == null ? "" : subject;
        group = group == null ? "" : group;
        if (subject.isEmpty() == group.isEmpty()) {
            throw new IllegalArgumentException("a binding names exactly one of subject and group");
        }
        String who = subject.isEmpty() ? group : subject;
        if (!PRINCIPAL.matcher(who).matches()) {
            throw new IllegalArgumentException((subject.isEmpty() ? "group" : "subject")
                    + " must be 1 to 256 letters, digits or ' ._@:/+-', starting with a letter or digit");
        }
    }

    public Grant toGrant(Role role) {
        return new Grant(role.name(), scope, role.permissions(), "binding:" + id);
    }
}

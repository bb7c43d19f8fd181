package io.opsplane.platform.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Bindings indexed by subject and by group, so the authority of one principal is found without
 * scanning every binding. Immutable: rebuilt when bindings or roles change.
 */
public final class BindingIndex {

    private final Map<String, List<Binding>> bySubject = new HashMap<>();
    private final Map<String, List<Binding>> byGroup = new HashMap<>();
    private final Function<String, Role> roles;

    /**
     * @param roles resolves a role name (built-in or custom); a binding to a role it does not know
     *              grants nothing
     */
    public BindingIndex(Collection<Binding> bindings, Function<String, Role> roles) {
        this.roles = roles;
        for (Binding binding : bindings) {
            if (!binding.subject().isEmpty()) {
                bySubject.computeIfAbsent(binding.subject(), key -> new ArrayList<>()).add(binding);
            } else {
                byGroup.computeIfAbsent(binding.group(), key -> new ArrayList<>()).add(binding);
            }
        }
    }

    /** The grants of a subject's own bindings and of its groups' bindings. */
    public List<Grant> grantsOf(String subject, Collection<String> groups) {
        List<Grant> grants = new ArrayList<>();
        add(grants, bySubject.get(subject));
        for (String group : groups) {
            add(grants, byGroup.get(group));
        }
        return grants;
    }

    public Authority authorityOf(String subject, Collection<String> groups) {
        return new Authority(grantsOf(subject, groups));
    }

    private void add(List<Grant> grants, List<Binding> bindings) {
        if (bindings == null) {
            return;
        }
        for (Binding binding : bindings) {
            Role role = roles.apply(binding.role());
            if (role != null) {
                grants.add(binding.toGrant(role));
            }
        }
    }
}

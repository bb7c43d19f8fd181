package io.opsplane.platform.access;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The object a call concerns, {@code <kind>:<name>}, with the objects that contain it (a pipeline's
 * project, a deployment's application and environment): a binding at any of them applies.
 */
public record ResourceRef(String kind, String name, List<ResourceRef> within) {

    /** No particular object: only global bindings apply. */
    public static final ResourceRef GLOBAL = new ResourceRef("", "", List.of());
    private static final Pattern KIND = Pattern.compile("^[a-z][a-z-]{0,31}$");

    public ResourceRef {
        within = List.copyOf(within);
    }

    public static ResourceRef of(String kind, String name) {
        return new ResourceRef(kind, name, List.of());
    }

    /** The same object, contained in {@code kind:name} as well. */
    public ResourceRef in(String kind, String name) {
        List<ResourceRef> containers = new ArrayList<>(within);
        containers.add(of(kind, name));
        return new ResourceRef(this.kind, this.name, containers);
    }

    /** Parses {@code <kind>:<name>}; empty is {@link #GLOBAL}. */
    public static ResourceRef parse(String text) {
        if (text == null || text.isEmpty() || text.equals(Scope.GLOBAL_KIND)) {
            return GLOBAL;
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1 || text.length() > 300) {
            throw new IllegalArgumentException("resource '" + text + "' must be '<kind>:<name>', e.g. 'pipeline:web'");
        }
        String kind = text.substring(0, colon);
        if (!KIND.matcher(kind).matches()) {
            throw new IllegalArgumentException("resource kind '" + kind + "' must be lowercase letters");
        }
        return of(kind, text.substring(colon + 1));
    }

    public boolean isGlobal() {
        return kind.isEmpty();
    }

    @Override
    public String toString() {
        if (isGlobal()) {
            return Scope.GLOBAL_KIND;
        }
        StringBuilder text = new StringBuilder(kind).append(':').append(name);
        for (ResourceRef container : within) {
            text.append(" in ").append(container.kind()).append(':').append(container.name());
        }
        return text.toString();
    }
}

package io.opsplane.observability.alerting.config;

import io.opsplane.observability.alerting.matcher.InvalidMatcherException;
import io.opsplane.observability.alerting.matcher.MatchType;
import io.opsplane.observability.alerting.matcher.Matcher;
import io.opsplane.observability.alerting.matcher.MatcherParser;
import io.opsplane.observability.alerting.matcher.Matchers;
import io.opsplane.platform.yaml.YamlMapping;
import io.opsplane.platform.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a section's matchers: the list form ({@code matchers}) and the legacy maps ({@code match},
 * {@code match_re}).
 */
final class MatcherFields {

    static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private MatcherFields() {
    }

    /** {@code prefix} is "" for a route, "source_" or "target_" for an inhibition rule. */
    static Matchers read(YamlMapping section, String prefix) {
        List<Matcher> all = new ArrayList<>();
        legacy(section, prefix + "match", MatchType.EQUAL, all);
        legacy(section, prefix + "match_re", MatchType.REGEXP, all);
        for (YamlNode line : section.list(prefix + "matchers")) {
            try {
                all.addAll(MatcherParser.parseAll(line.asString()));
            } catch (InvalidMatcherException e) {
                throw line.error(e.getMessage());
            }
        }
        return new Matchers(all);
    }

    static String labelName(YamlNode node, String context) {
        String name = node.asString();
        if (!LABEL_NAME.matcher(name).matches()) {
            throw node.error("invalid label name \"" + name + "\"" + context);
        }
        return name;
    }

    private static void legacy(YamlMapping section, String field, MatchType type, List<Matcher> into) {
        for (YamlMapping.Entry entry : section.optionalMapping(field).map(YamlMapping::entries).orElse(List.of())) {
            String name = labelName(entry.key(), "");
            try {
                into.add(Matcher.of(name, type, entry.value().asString()));
            } catch (InvalidMatcherException e) {
                throw entry.value().error(e.getMessage());
            }
        }
    }
}

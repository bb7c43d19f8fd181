package io.opsplane.observability.alerting.config;

import io.opsplane.observability.alerting.inhibit.InhibitRule;
import io.opsplane.platform.yaml.YamlMapping;
import io.opsplane.platform.yaml.YamlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code inhibit_rules}, in the matcher-list form and the legacy map form. */
final class InhibitRuleReader {

    private static final FieldRules FIELDS = new FieldRules(Set.of("source_matchers", "source_match",
            "source_match_re", "target_matchers", "target_match", "target_match_re", "equal"), Map.of());

    private InhibitRuleReader() {
    }

    static List<InhibitRule> read(YamlMapping root) {
        List<InhibitRule> rules = new ArrayList<>();
        for (YamlNode node : root.list("inhibit_rules")) {
            YamlMapping section = node.asMapping();
            FIELDS.check(section);
            List<String> equal = new ArrayList<>();
            for (YamlNode label : section.list("equal")) {
                equal.add(MatcherFields.labelName(label, " in equal"));
            }
            rules.add(new InhibitRule(MatcherFields.read(section, "source_"), MatcherFields.read(section, "target_"),
                    equal));
        }
        return rules;
    }
}

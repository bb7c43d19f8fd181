package io.opsplane.healing.policy;

import io.opsplane.platform.egress.ReceiverUrlPolicy;
import io.opsplane.platform.egress.UnsafeUrlException;
import io.opsplane.platform.yaml.PrometheusDuration;
import io.opsplane.platform.yaml.YamlMapping;
import io.opsplane.platform.yaml.YamlNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an action's parameters: each must be one the action takes, the required ones present, and every label a
 * template uses must be matched by every trigger of the policy, so the value exists whichever trigger fired. Webhook
 * URLs are literal and must pass the platform's outbound URL policy (no loopback, private or link-local targets).
 */
final class ActionParameters {

    private static final int MAX_REPLICAS = 1000;

    private ActionParameters() {
    }

    static Map<String, ParameterTemplate> read(ActionType type, YamlMapping parameters, YamlNode action,
            List<Trigger> triggers) {
        Map<String, ParameterTemplate> templates = new LinkedHashMap<>();
        for (YamlMapping.Entry entry : parameters.entries()) {
            String name = entry.key().text();
            if (!type.takes(name)) {
                throw entry.key().error("the action " + type.spelling() + " takes no parameter '" + name + "'");
            }
            YamlNode value = entry.value();
            ParameterTemplate template;
            try {
                template = ParameterTemplate.parse(value.asString());
            } catch (IllegalArgumentException e) {
                throw value.error(e.getMessage());
            }
            if (name.equals("url") && !template.isLiteral()) {
                throw value.error("a webhook URL cannot be filled from labels: labels come from scraped targets,"
                        + " and would choose where requests go");
            }
            for (String label : template.labels()) {
                for (int i = 0; i < triggers.size(); i++) {
                    if (!triggers.get(i).constrainedLabels().contains(label)) {
                        throw value.error("the label '" + label + "' is not matched by trigger " + (i + 1)
                                + ", so it may be absent when that trigger fires");
                    }
                }
            }
            if (template.isLiteral()) {
                checkLiteral(name, value);
            }
            templates.put(name, template);
        }
        for (String required : type.requiredParameters()) {
            if (!templates.containsKey(required)) {
                throw action.error("the action " + type.spelling() + " needs the parameter '" + required + "'");
            }
        }
        return templates;
    }

    private static void checkLiteral(String name, YamlNode value) {
        String text = value.asString();
        switch (name) {
            case "replicas" -> {
                int replicas = value.asInt();
                if (replicas < 0 || replicas > MAX_REPLICAS) {
                    throw value.error("replicas is between 0 and " + MAX_REPLICAS);
                }
            }
            case "duration" -> {
                try {
                    PrometheusDuration.parse(text);
                } catch (IllegalArgumentException e) {
                    throw value.error(e.getMessage());
                }
            }
            case "url" -> {
                try {
                    ReceiverUrlPolicy.publicOnly().checkUrl(new URI(text));
                } catch (URISyntaxException e) {
                    throw value.error("'" + text + "' is not a URL: " + e.getReason());
                } catch (UnsafeUrlException e) {
                    throw value.error(e.getMessage());
                }
            }
            default -> {
            }
        }
    }
}

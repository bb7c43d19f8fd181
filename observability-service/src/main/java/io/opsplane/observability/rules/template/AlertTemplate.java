package io.opsplane.observability.rules.template;

import io.opsplane.observability.promql.GoQuoting;
import io.opsplane.observability.rules.template.TemplateNode.BranchNode;
import io.opsplane.observability.rules.template.TemplateNode.Command;
import io.opsplane.observability.rules.template.TemplateNode.ListNode;
import io.opsplane.observability.rules.template.TemplateNode.Operand;
import io.opsplane.observability.rules.template.TemplateNode.Pipeline;

/**
 * One label or annotation template of an alerting rule, parsed when the rule is loaded and expanded
 * for each alert. As in Prometheus, the text is preceded by the definitions of {@code $labels},
 * {@code $externalLabels}, {@code $externalURL} and {@code $value}, and the template is named
 * {@code __alert_<alertname>}, so errors read (and count columns) exactly as Prometheus's do.
 */
public final class AlertTemplate {

    /** Longest template text accepted, in characters. */
    public static final int MAX_LENGTH = 64 * 1024;

    private static final String DEFINITIONS = "{{$labels := .Labels}}{{$externalLabels := .ExternalLabels}}"
            + "{{$externalURL := .ExternalURL}}{{$value := .Value}}";

    private final String name;
    private final String fullText;
    private final TemplateNode.Parsed parsed;

    private AlertTemplate(String name, String fullText, TemplateNode.Parsed parsed) {
        this.name = name;
        this.fullText = fullText;
        this.parsed = parsed;
    }

    /**
     * Parses a template of the alerting rule {@code alertName}.
     *
     * @throws TemplateException worded as Prometheus's parser ("template: __alert_X:1: ..."), or naming
     *     a Prometheus function Opsplane does not run
     */
    public static AlertTemplate parse(String alertName, String text) {
        String name = "__alert_" + alertName;
        if (text.length() > MAX_LENGTH) {
            throw new TemplateException("template: " + name + ": longer than " + MAX_LENGTH + " characters");
        }
        String fullText = DEFINITIONS + text;
        TemplateNode.Parsed parsed = TemplateParser.parse(name, fullText, TemplateFunctions.knownNames());
        refuseUnsupportedFunctions(name, parsed.root());
        parsed.definitions().values().forEach(body -> refuseUnsupportedFunctions(name, body));
        return new AlertTemplate(name, fullText, parsed);
    }

    /**
     * The expanded text.
     *
     * @throws TemplateException worded as Prometheus's executor; Prometheus then uses
     *     {@code <error expanding template: ...>} as the text, see {@link #expandOrDescribeError}
     */
    public String expand(TemplateData data) {
        return TemplateExecutor.execute(name, fullText, parsed, data);
    }

    /** The expanded text, or the error in the form Prometheus puts in the label or annotation instead. */
    public String expandOrDescribeError(TemplateData data) {
        try {
            return expand(data);
        } catch (TemplateException e) {
            return "<error expanding template: error executing template " + name + ": " + e.getMessage() + ">";
        }
    }

    private static void refuseUnsupportedFunctions(String name, TemplateNode node) {
        if (node instanceof ListNode list) {
            list.nodes().forEach(child -> refuseUnsupportedFunctions(name, child));
        } else if (node instanceof TemplateNode.ActionNode action) {
            refuseUnsupportedFunctions(name, action.pipeline());
        } else if (node instanceof BranchNode branch) {
            refuseUnsupportedFunctions(name, branch.pipeline());
            refuseUnsupportedFunctions(name, branch.list());
            if (branch.elseList() != null) {
                refuseUnsupportedFunctions(name, branch.elseList());
            }
        } else if (node instanceof TemplateNode.TemplateCall call && call.pipeline() != null) {
            refuseUnsupportedFunctions(name, call.pipeline());
        } else if (node instanceof Pipeline pipeline) {
            for (Command command : pipeline.commands()) {
                command.args().forEach(arg -> refuseUnsupportedFunctions(name, arg));
            }
        } else if (node instanceof Operand.Chain chain) {
            refuseUnsupportedFunctions(name, chain.node());
        } else if (node instanceof Operand.Identifier identifier
                && TemplateFunctions.NOT_SUPPORTED.contains(identifier.name())) {
            throw new TemplateException("template: " + name + ": function " + GoQuoting.quote(identifier.name())
                    + " is not supported by Opsplane's rule evaluation (it needs Prometheus's query engine or HTML output)");
        }
    }
}

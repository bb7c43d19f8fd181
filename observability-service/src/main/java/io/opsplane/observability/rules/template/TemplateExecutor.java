package io.opsplane.observability.rules.template;

import io.opsplane.observability.promql.GoQuoting;
import io.opsplane.observability.rules.template.TemplateFunctions.Function;
import io.opsplane.observability.rules.template.TemplateFunctions.Param;
import io.opsplane.observability.rules.template.TemplateNode.ActionNode;
import io.opsplane.observability.rules.template.TemplateNode.BranchKind;
import io.opsplane.observability.rules.template.TemplateNode.BranchNode;
import io.opsplane.observability.rules.template.TemplateNode.BreakNode;
import io.opsplane.observability.rules.template.TemplateNode.Command;
import io.opsplane.observability.rules.template.TemplateNode.ContinueNode;
import io.opsplane.observability.rules.template.TemplateNode.ListNode;
import io.opsplane.observability.rules.template.TemplateNode.Operand;
import io.opsplane.observability.rules.template.TemplateNode.Pipeline;
import io.opsplane.observability.rules.template.TemplateNode.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a parsed template as Go's text/template does with Prometheus's option missingkey=zero,
 * with Go's error wording: "template: NAME:LINE:COL: executing "NAME" at &lt;node&gt;: ...".
 * Output is bounded so that a template cannot build unbounded text.
 */
final class TemplateExecutor {

    /** Most characters one expansion may produce. */
    static final int MAX_OUTPUT = 1 << 20;

    /** The "no value" Go passes as the previous pipeline stage's result when there is none. */
    private static final Object MISSING = new Object();

    private record Variable(String name, Object value) {
    }

    private static final class LoopControl extends RuntimeException {
        final boolean isBreak;

        LoopControl(boolean isBreak) {
            super(null, null, false, false);
            this.isBreak = isBreak;
        }
    }

    /** Deepest nesting of {{template}} calls, so that a template calling itself ends with an error. */
    static final int MAX_TEMPLATE_DEPTH = 100;

    private final String name;
    private final String text;
    private final java.util.Map<String, ListNode> definitions;
    private final StringBuilder out = new StringBuilder();
    private List<Variable> variables = new ArrayList<>();
    private String executing;
    private int depth;
    private Object currentNode;

    private TemplateExecutor(String name, String text, java.util.Map<String, ListNode> definitions) {
        this.name = name;
        this.text = text;
        this.definitions = definitions;
        this.executing = name;
    }

    static String execute(String name, String text, TemplateNode.Parsed parsed, TemplateData data) {
        TemplateExecutor executor = new TemplateExecutor(name, text, parsed.definitions());
        executor.variables.add(new Variable("$", data));
        executor.walkList(parsed.root(), data);
        return executor.out.toString();
    }

    private TemplateException error(String message) {
        int position = positionOf(currentNode);
        String before = text.substring(0, Math.max(0, Math.min(position, text.length())));
        int lastNewline = before.lastIndexOf('\n');
        int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
        // Go counts the column in bytes, from 0 on the first line and after the newline on later ones.
        int column = before.substring(lastNewline + 1).getBytes(StandardCharsets.UTF_8).length;
        return new TemplateException("template: " + name + ":" + line + ":" + column + ": executing "
                + GoQuoting.quote(executing) + " at <" + describe(currentNode) + ">: " + message);
    }

    private static int positionOf(Object node) {
        if (node instanceof Operand operand) {
            return operand.position();
        }
        if (node instanceof Command command) {
            return command.position();
        }
        if (node instanceof ActionNode action) {
            return action.position();
        }
        if (node instanceof BranchNode branch) {
            return branch.position();
        }
        if (node instanceof TemplateNode.TemplateCall call) {
            return call.position();
        }
        return 0;
    }

    private static String describe(Object node) {
        if (node instanceof ActionNode action) {
            return "{{" + action.pipeline() + "}}";
        }
        if (node instanceof BranchNode branch) {
            return "{{" + branch.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + branch.pipeline() + "}}";
        }
        return String.valueOf(node);
    }

    private void write(String value) {
        if (out.length() + value.length() > MAX_OUTPUT) {
            throw error("output exceeds " + MAX_OUTPUT + " characters");
        }
        out.append(value);
    }

    private void walkList(ListNode list, Object dot) {
        for (TemplateNode node : list.nodes()) {
            walk(node, dot);
        }
    }

    private void walk(TemplateNode node, Object dot) {
        if (node instanceof TextNode t) {
            write(t.text());
        } else if (node instanceof ActionNode action) {
            currentNode = action;
            Object value = evalPipeline(dot, action.pipeline());
            if (action.pipeline().declarations().isEmpty()) {
                currentNode = action;
                write(value == MISSING ? "<no value>" : GoFormat.plain(value));
            }
        } else if (node instanceof BranchNode branch) {
            int mark = variables.size();
            try {
                if (branch.kind() == BranchKind.RANGE) {
                    walkRange(branch, dot);
                } else {
                    Object value = evalPipeline(dot, branch.pipeline());
                    if (TemplateValues.isTrue(value == MISSING ? null : value)) {
                        walkList(branch.list(), branch.kind() == BranchKind.WITH ? value : dot);
                    } else if (branch.elseList() != null) {
                        walkList(branch.elseList(), dot);
                    }
                }
            } finally {
                variables.subList(mark, variables.size()).clear();
            }
        } else if (node instanceof TemplateNode.TemplateCall call) {
            callTemplate(call, dot);
        } else if (node instanceof BreakNode) {
            throw new LoopControl(true);
        } else if (node instanceof ContinueNode) {
            throw new LoopControl(false);
        } else if (node instanceof ListNode list) {
            walkList(list, dot);
        }
    }

    private void callTemplate(TemplateNode.TemplateCall call, Object dot) {
        currentNode = call;
        ListNode body = definitions.get(call.name());
        if (body == null) {
            throw error("template " + GoQuoting.quote(call.name()) + " not defined");
        }
        if (depth == MAX_TEMPLATE_DEPTH) {
            throw error("exceeded maximum template depth (" + MAX_TEMPLATE_DEPTH + ")");
        }
        Object value = call.pipeline() == null ? MISSING : evalPipeline(dot, call.pipeline());
        // The called template sees only "$", set to its dot.
        List<Variable> callerVariables = variables;
        String caller = executing;
        variables = new ArrayList<>(List.of(new Variable("$", value)));
        executing = call.name();
        depth++;
        try {
            walkList(body, value);
        } finally {
            depth--;
            executing = caller;
            variables = callerVariables;
        }
    }

    private void walkRange(BranchNode range, Object dot) {
        currentNode = range;
        Object value = evalPipeline(dot, range.pipeline());
        // The pipeline declared its variables last; each iteration sets the last to the element, the one before to the key.
        int mark = variables.size();
        int declared = range.pipeline().declarations().size();
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            if (value != null && value != MISSING && !(value instanceof Map)) {
                throw error("range can't iterate over " + GoFormat.plain(value));
            }
            if (range.elseList() != null) {
                walkList(range.elseList(), dot);
            }
            return;
        }
        for (Map.Entry<?, ?> entry : new TreeMap<>(map).entrySet()) {
            if (declared >= 1) {
                variables.set(mark - 1, new Variable(variables.get(mark - 1).name(), entry.getValue()));
            }
            if (declared == 2) {
                variables.set(mark - 2, new Variable(variables.get(mark - 2).name(), entry.getKey()));
            }
            try {
                walkList(range.list(), entry.getValue());
            } catch (LoopControl control) {
                if (control.isBreak) {
                    break;
                }
            } finally {
                variables.subList(mark, variables.size()).clear();
            }
        }
    }

    private Object evalPipeline(Object dot, Pipeline pipeline) {
        currentNode = pipeline;
        Object value = MISSING;
        for (Command command : pipeline.commands()) {
            value = evalCommand(dot, command, value);
        }
        for (Operand.Variable declared : pipeline.declarations()) {
            String variableName = declared.names().get(0);
            if (pipeline.assign()) {
                assign(variableName, value);
            } else {
                variables.add(new Variable(variableName, value));
            }
        }
        return value;
    }

    private void assign(String variableName, Object value) {
        for (int i = variables.size() - 1; i >= 0; i--) {
            if (variables.get(i).name().equals(variableName)) {
                variables.set(i, new Variable(variableName, value));
                return;
            }
        }
        throw error("undefined variable: " + variableName);
    }

    private Object variable(String variableName) {
        for (int i = variables.size() - 1; i >= 0; i--) {
            if (variables.get(i).name().equals(variableName)) {
                return variables.get(i).value();
            }
        }
        throw error("undefined variable: " + variableName);
    }

    private Object evalCommand(Object dot, Command command, Object previous) {
        Operand first = command.args().get(0);
        if (first instanceof Operand.Field field) {
            currentNode = field;
            return evalFieldChain(dot, dot, field.names(), command.args(), previous);
        }
        if (first instanceof Operand.Chain chain) {
            currentNode = chain;
            Object base = evalArgument(dot, null, chain.node());
            return evalFieldChain(dot, base, chain.fields(), command.args(), previous);
        }
        if (first instanceof Operand.Identifier identifier) {
            return evalFunction(dot, identifier, command, command.args(), previous);
        }
        if (first instanceof Operand.Variable variable) {
            currentNode = variable;
            Object value = variable(variable.names().get(0));
            if (variable.names().size() == 1) {
                requireNoArguments(command.args(), previous);
                return value;
            }
            return evalFieldChain(dot, value, variable.names().subList(1, variable.names().size()), command.args(),
                    previous);
        }
        currentNode = first;
        requireNoArguments(command.args(), previous);
        if (first instanceof Pipeline pipeline) {
            return evalPipeline(dot, pipeline);
        }
        if (first instanceof Operand.Bool b) {
            return b.value();
        }
        if (first instanceof Operand.Dot) {
            return dot;
        }
        if (first instanceof Operand.Nil) {
            throw error("nil is not a command");
        }
        if (first instanceof Operand.Number number) {
            return idealConstant(number);
        }
        return ((Operand.Text) first).value();
    }

    private void requireNoArguments(List<Operand> args, Object previous) {
        if (args.size() > 1 || previous != MISSING) {
            throw error("can't give argument to non-function " + args.get(0));
        }
    }

    private Object evalFieldChain(Object dot, Object receiver, List<String> fields, List<Operand> args, Object previous) {
        Object value = receiver;
        for (int i = 0; i < fields.size(); i++) {
            boolean last = i == fields.size() - 1;
            boolean hasArgs = last && (args.size() > 1 || previous != MISSING);
            value = evalField(fields.get(i), value, hasArgs);
        }
        return value;
    }

    private Object evalField(String field, Object receiver, boolean hasArgs) {
        if (receiver == null || receiver == MISSING) {
            return MISSING;
        }
        if (receiver instanceof TemplateData data) {
            Object value = data.field(field);
            if (value == null) {
                throw error("can't evaluate field " + field + " in type " + TemplateData.GO_TYPE);
            }
            if (hasArgs) {
                throw error(field + " has arguments but cannot be invoked as function");
            }
            return value;
        }
        if (receiver instanceof Map<?, ?> map) {
            if (hasArgs) {
                throw error(field + " is not a method but has arguments");
            }
            Object value = map.get(field);
            return value == null ? "" : value;
        }
        throw error("can't evaluate field " + field + " in type " + GoFormat.typeName(receiver));
    }

    /** Calls a function; {@code call} (the command, or the bare name) is what Go names in errors from the call itself. */
    private Object evalFunction(Object dot, Operand.Identifier identifier, Object call, List<Operand> commandArgs,
            Object previous) {
        currentNode = identifier;
        Function function = TemplateFunctions.SUPPORTED.get(identifier.name());
        List<Operand> args = commandArgs.subList(1, commandArgs.size());
        int given = args.size() + (previous != MISSING ? 1 : 0);
        int fixed = function.params().size();
        if (function.variadic() != null) {
            if (given < fixed) {
                throw error("wrong number of args for " + function.name() + ": want at least " + fixed + " got " + given);
            }
        } else if (given != fixed) {
            throw error("wrong number of args for " + function.name() + ": want " + fixed + " got " + given);
        }
        if (function.name().equals("and") || function.name().equals("or")) {
            // Go 1.18+ stops at the first argument that decides the result.
            boolean stopWhen = function.name().equals("or");
            Object value = null;
            for (Operand arg : args) {
                value = evalArgument(dot, Param.ANY, arg);
                if (TemplateValues.isTrue(value) == stopWhen) {
                    return value;
                }
            }
            return previous != MISSING ? previous : value;
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            values.add(evalArgument(dot, paramAt(function, i), args.get(i)));
        }
        if (previous != MISSING) {
            values.add(checkType(previous, paramAt(function, values.size())));
        }
        try {
            return function.body().call(values);
        } catch (IllegalArgumentException e) {
            currentNode = call;
            throw error("error calling " + function.name() + ": " + e.getMessage());
        }
    }

    private static Param paramAt(Function function, int index) {
        return index < function.params().size() ? function.params().get(index) : function.variadic();
    }

    private Object evalArgument(Object dot, Param param, Operand arg) {
        currentNode = arg;
        if (arg instanceof Operand.Dot) {
            return checkType(dot, param);
        }
        if (arg instanceof Operand.Nil) {
            if (param == Param.STRING) {
                throw error("cannot assign nil to string");
            }
            return null;
        }
        if (arg instanceof Operand.Field field) {
            return checkType(evalFieldChain(dot, dot, field.names(), List.of(arg), MISSING), param);
        }
        if (arg instanceof Operand.Variable variable) {
            Object value = variable(variable.names().get(0));
            if (variable.names().size() > 1) {
                value = evalFieldChain(dot, value, variable.names().subList(1, variable.names().size()), List.of(arg),
                        MISSING);
            }
            return checkType(value, param);
        }
        if (arg instanceof Pipeline pipeline) {
            return checkType(evalPipeline(dot, pipeline), param);
        }
        if (arg instanceof Operand.Identifier identifier) {
            return checkType(evalFunction(dot, identifier, identifier, List.of(identifier), MISSING), param);
        }
        if (arg instanceof Operand.Chain chain) {
            Object base = evalArgument(dot, null, chain.node());
            return checkType(evalFieldChain(dot, base, chain.fields(), List.of(arg), MISSING), param);
        }
        if (param == Param.STRING) {
            if (arg instanceof Operand.Text t) {
                return t.value();
            }
            throw error("expected string; found " + arg);
        }
        if (arg instanceof Operand.Bool b) {
            return b.value();
        }
        if (arg instanceof Operand.Number number) {
            return idealConstant(number);
        }
        return ((Operand.Text) arg).value();
    }

    private Object checkType(Object value, Param param) {
        if (value == MISSING) {
            if (param == Param.STRING) {
                throw error("invalid value; expected string");
            }
            return null;
        }
        if (param == Param.STRING && !(value instanceof String)) {
            throw error("wrong type for value; expected string; got " + GoFormat.typeName(value));
        }
        return value;
    }

    /** Go's untyped constants: a float when written with . e or p (and not a hex integer), else an int. */
    private Object idealConstant(Operand.Number number) {
        String written = number.text();
        boolean hexInteger = written.matches("[+-]?0[xX][0-9a-fA-F_]*");
        if (!number.isCharConstant() && !hexInteger && written.matches(".*[.eEpP].*")) {
            return number.floatValue();
        }
        if (number.intValue() != null) {
            return number.intValue();
        }
        throw error(written + " overflows int");
    }
}

package io.opsplane.observability.rules.template;

import io.opsplane.observability.promql.GoQuoting;
import io.opsplane.observability.rules.template.TemplateLexer.Item;
import io.opsplane.observability.rules.template.TemplateLexer.Kind;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses a template as Go 1.19's text/template/parse does, with its error wording
 * ("template: NAME:LINE: ..."), including the templates it defines ({@code define}, {@code block}).
 * Function names are checked against {@code functions}; the ones Opsplane knows but does not run
 * are refused by {@link AlertTemplate} separately.
 */
final class TemplateParser {

    /** Most if/with/range blocks and parentheses nested in one another. */
    static final int MAX_NESTING = 100;

    /** Marks the end of an if/with/range body: {{end}} or {{else}}. */
    private record Delimiter(Kind kind, int position) implements TemplateNode {
    }

    private final String name;
    private final List<Item> items;
    private final Set<String> functions;
    private final Map<String, ListNode> definitions = new HashMap<>();
    private List<String> variables = new ArrayList<>(List.of("$"));
    private int index;
    private int furthestRead;
    private int actionLine;
    private int rangeDepth;
    private int nesting;

    private TemplateParser(String name, String text, Set<String> functions) {
        this.name = name;
        this.items = TemplateLexer.lex(text);
        this.functions = functions;
    }

    static TemplateNode.Parsed parse(String name, String text, Set<String> functions) {
        TemplateParser parser = new TemplateParser(name, text, functions);
        ListNode root = parser.parseRoot();
        return new TemplateNode.Parsed(root, Map.copyOf(parser.definitions));
    }

    private Item next() {
        Item item = items.get(Math.min(index, items.size() - 1));
        index++;
        furthestRead = Math.max(furthestRead, Math.min(index - 1, items.size() - 1));
        return item;
    }

    private void backup(int count) {
        index -= count;
    }

    private Item peek() {
        Item item = next();
        backup(1);
        return item;
    }

    private Item nextNonSpace() {
        Item item = next();
        while (item.kind() == Kind.SPACE) {
            item = next();
        }
        return item;
    }

    private Item peekNonSpace() {
        Item item = nextNonSpace();
        backup(1);
        return item;
    }

    private TemplateException error(String message) {
        int line = items.get(furthestRead).line();
        return new TemplateException("template: " + name + ":" + line + ": " + message);
    }

    private TemplateException unexpected(Item item, String context) {
        if (item.kind() == Kind.ERROR) {
            String extra = "";
            if (actionLine != 0 && actionLine != item.line()) {
                extra = " in action started at " + name + ":" + actionLine;
                if (item.value().endsWith(" action")) {
                    extra = extra.substring(" in action".length());
                }
            }
            return error(item.value() + extra);
        }
        return error("unexpected " + item.describe() + " in " + context);
    }

    private Item expect(Kind expected, String context) {
        Item item = nextNonSpace();
        if (item.kind() != expected) {
            throw unexpected(item, context);
        }
        return item;
    }

    private ListNode parseRoot() {
        List<TemplateNode> nodes = new ArrayList<>();
        while (peek().kind() != Kind.EOF) {
            if (peek().kind() == Kind.LEFT_DELIM) {
                int delimiter = index;
                next();
                if (nextNonSpace().kind() == Kind.DEFINE) {
                    parseDefinition();
                    continue;
                }
                index = delimiter;
            }
            TemplateNode node = textOrAction();
            if (node instanceof Delimiter d) {
                throw error("unexpected " + (d.kind() == Kind.END ? "{{end}}" : "{{else}}"));
            }
            nodes.add(node);
        }
        return new ListNode(nodes);
    }

    private TemplateNode textOrAction() {
        Item item = nextNonSpace();
        if (item.kind() == Kind.TEXT) {
            return new TextNode(item.value());
        }
        if (item.kind() == Kind.LEFT_DELIM) {
            actionLine = item.line();
            try {
                return action();
            } finally {
                actionLine = 0;
            }
        }
        throw unexpected(item, "input");
    }

    private TemplateNode action() {
        Item item = nextNonSpace();
        switch (item.kind()) {
            case TEMPLATE -> {
                Item nameItem = nextNonSpace();
                String templateName = templateName(nameItem, "template clause");
                Pipeline pipeline = null;
                if (nextNonSpace().kind() != Kind.RIGHT_DELIM) {
                    backup(1);
                    pipeline = pipeline("template clause", Kind.RIGHT_DELIM);
                }
                return new TemplateNode.TemplateCall(nameItem.position(), templateName, pipeline);
            }
            case BLOCK -> {
                Item nameItem = nextNonSpace();
                String templateName = templateName(nameItem, "block clause");
                Pipeline pipeline = pipeline("block clause", Kind.RIGHT_DELIM);
                define(templateName, definitionBody("block clause"));
                return new TemplateNode.TemplateCall(nameItem.position(), templateName, pipeline);
            }
            case BREAK -> {
                return breakOrContinue(item, "break");
            }
            case CONTINUE -> {
                return breakOrContinue(item, "continue");
            }
            case ELSE -> {
                Item peeked = peekNonSpace();
                if (peeked.kind() == Kind.IF) {
                    return new Delimiter(Kind.ELSE, peeked.position());
                }
                return new Delimiter(Kind.ELSE, expect(Kind.RIGHT_DELIM, "else").position());
            }
            case END -> {
                return new Delimiter(Kind.END, expect(Kind.RIGHT_DELIM, "end").position());
            }
            case IF -> {
                return control(BranchKind.IF, true, "if");
            }
            case RANGE -> {
                return control(BranchKind.RANGE, false, "range");
            }
            case WITH -> {
                return control(BranchKind.WITH, false, "with");
            }
            default -> {
                backup(1);
                Item first = peek();
                return new ActionNode(first.position(), first.line(), pipeline("command", Kind.RIGHT_DELIM));
            }
        }
    }

    /** {{define "name"}}...{{end}}, after the define keyword. */
    private void parseDefinition() {
        String templateName = templateName(nextNonSpace(), "define clause");
        expect(Kind.RIGHT_DELIM, "define clause");
        define(templateName, definitionBody("define clause"));
    }

    /** The body of a defined template up to its {{end}}; it sees no variables but "$". */
    private ListNode definitionBody(String context) {
        List<String> outer = variables;
        int outerRangeDepth = rangeDepth;
        variables = new ArrayList<>(List.of("$"));
        rangeDepth = 0;
        try {
            List<TemplateNode> nodes = new ArrayList<>();
            Delimiter end = itemList(nodes);
            if (end.kind() != Kind.END) {
                throw error("unexpected {{else}} in " + context);
            }
            return new ListNode(nodes);
        } finally {
            variables = outer;
            rangeDepth = outerRangeDepth;
        }
    }

    private void define(String templateName, ListNode body) {
        ListNode existing = definitions.get(templateName);
        if (existing != null && !isEmpty(existing) && !isEmpty(body)) {
            throw error("template: multiple definition of template " + GoQuoting.quote(templateName));
        }
        if (existing == null || isEmpty(existing)) {
            definitions.put(templateName, body);
        }
    }

    /** Go's parse.IsEmptyTree: nothing but white space. */
    private static boolean isEmpty(ListNode list) {
        return list.nodes().stream().allMatch(n -> n instanceof TextNode t && t.text().isBlank());
    }

    private String templateName(Item item, String context) {
        if (item.kind() != Kind.STRING && item.kind() != Kind.RAW_STRING) {
            throw unexpected(item, context);
        }
        try {
            return GoLiterals.unquote(item.value());
        } catch (IllegalArgumentException e) {
            throw error(e.getMessage());
        }
    }

    private TemplateNode breakOrContinue(Item item, String keyword) {
        Item close = nextNonSpace();
        if (close.kind() != Kind.RIGHT_DELIM) {
            throw unexpected(close, "{{" + keyword + "}}");
        }
        if (rangeDepth == 0) {
            throw error("{{" + keyword + "}} outside {{range}}");
        }
        return keyword.equals("break") ? new BreakNode(item.position()) : new ContinueNode(item.position());
    }

    private BranchNode control(BranchKind kind, boolean allowElseIf, String context) {
        int variablesBefore = variables.size();
        enter();
        try {
            Pipeline pipeline = pipeline(context, Kind.RIGHT_DELIM);
            if (kind == BranchKind.RANGE) {
                rangeDepth++;
            }
            List<TemplateNode> list = new ArrayList<>();
            Delimiter next = itemList(list);
            if (kind == BranchKind.RANGE) {
                rangeDepth--;
            }
            ListNode elseList = null;
            if (next.kind() == Kind.ELSE) {
                if (allowElseIf && peek().kind() == Kind.IF) {
                    // {{else if b}} reads as {{else}}{{if b}}...{{end}}{{end}} with one shared {{end}}.
                    next();
                    elseList = new ListNode(List.of(control(BranchKind.IF, true, "if")));
                } else {
                    List<TemplateNode> elseNodes = new ArrayList<>();
                    Delimiter end = itemList(elseNodes);
                    if (end.kind() != Kind.END) {
                        throw error("expected end; found {{else}}");
                    }
                    elseList = new ListNode(elseNodes);
                }
            }
            return new BranchNode(kind, pipeline.position(), pipeline, new ListNode(list), elseList);
        } finally {
            nesting--;
            variables.subList(variablesBefore, variables.size()).clear();
        }
    }

    /** Counts one more level of nesting; Go has no bound, but a Java stack is not unbounded. */
    private void enter() {
        if (++nesting > MAX_NESTING) {
            throw error("nesting deeper than " + MAX_NESTING + " levels");
        }
    }

    /** Nodes up to the next {{end}} or {{else}}, which is returned. */
    private Delimiter itemList(List<TemplateNode> into) {
        while (peekNonSpace().kind() != Kind.EOF) {
            TemplateNode node = textOrAction();
            if (node instanceof Delimiter d) {
                return d;
            }
            into.add(node);
        }
        throw error("unexpected EOF");
    }

    private Pipeline pipeline(String context, Kind end) {
        Item first = peekNonSpace();
        boolean assign = false;
        List<Operand.Variable> declarations = new ArrayList<>();
        boolean declaring = true;
        while (declaring) {
            declaring = false;
            Item variable = peekNonSpace();
            if (variable.kind() != Kind.VARIABLE) {
                break;
            }
            int before = index;
            nextNonSpace();
            Item following = peekNonSpace();
            if (following.kind() == Kind.ASSIGN || following.kind() == Kind.DECLARE) {
                assign = following.kind() == Kind.ASSIGN;
                nextNonSpace();
                declarations.add(new Operand.Variable(variable.position(), List.of(variable.value())));
                variables.add(variable.value());
            } else if (following.kind() == Kind.CHAR && following.value().equals(",")) {
                nextNonSpace();
                declarations.add(new Operand.Variable(variable.position(), List.of(variable.value())));
                variables.add(variable.value());
                if (context.equals("range") && declarations.size() < 2) {
                    Kind after = peekNonSpace().kind();
                    if (after == Kind.VARIABLE || after == Kind.RIGHT_DELIM || after == Kind.RIGHT_PAREN) {
                        declaring = true;
                        continue;
                    }
                    throw error("range can only initialize variables");
                }
                throw error("too many declarations in " + context);
            } else {
                // "$x" followed by anything else is an argument, not a declaration.
                index = before;
            }
        }
        List<Command> commands = new ArrayList<>();
        while (true) {
            Item item = nextNonSpace();
            if (item.kind() == end) {
                checkPipeline(commands, context);
                return new Pipeline(first.position(), assign, declarations, commands);
            }
            switch (item.kind()) {
                case BOOL, CHAR_CONSTANT, COMPLEX, DOT, FIELD, IDENTIFIER, NUMBER, NIL, RAW_STRING, STRING, VARIABLE,
                        LEFT_PAREN -> {
                    backup(1);
                    commands.add(command());
                }
                default -> throw unexpected(item, context);
            }
        }
    }

    private void checkPipeline(List<Command> commands, String context) {
        if (commands.isEmpty()) {
            throw error("missing value for " + context);
        }
        for (int i = 1; i < commands.size(); i++) {
            Operand first = commands.get(i).args().get(0);
            if (first instanceof Operand.Bool || first instanceof Operand.Dot || first instanceof Operand.Nil
                    || first instanceof Operand.Number || first instanceof Operand.Text) {
                throw error("non executable command in pipeline stage " + (i + 1));
            }
        }
    }

    private Command command() {
        Item first = peekNonSpace();
        List<Operand> args = new ArrayList<>();
        while (true) {
            peekNonSpace();
            Operand operand = operand();
            if (operand != null) {
                args.add(operand);
            }
            Item item = next();
            if (item.kind() == Kind.SPACE) {
                continue;
            }
            if (item.kind() == Kind.RIGHT_DELIM || item.kind() == Kind.RIGHT_PAREN) {
                backup(1);
            } else if (item.kind() != Kind.PIPE) {
                throw unexpected(item, "operand");
            }
            break;
        }
        if (args.isEmpty()) {
            throw error("empty command");
        }
        return new Command(first.position(), args);
    }

    private Operand operand() {
        Operand node = term();
        if (node == null || peek().kind() != Kind.FIELD) {
            return node;
        }
        int chainPosition = peek().position();
        List<String> fields = new ArrayList<>();
        while (peek().kind() == Kind.FIELD) {
            fields.add(next().value().substring(1));
        }
        if (node instanceof Operand.Field f) {
            List<String> names = new ArrayList<>(f.names());
            names.addAll(fields);
            return new Operand.Field(chainPosition, names);
        }
        if (node instanceof Operand.Variable v) {
            List<String> names = new ArrayList<>(v.names());
            names.addAll(fields);
            return new Operand.Variable(chainPosition, names);
        }
        if (node instanceof Operand.Bool || node instanceof Operand.Text || node instanceof Operand.Number
                || node instanceof Operand.Nil || node instanceof Operand.Dot) {
            throw error("unexpected . after term " + GoQuoting.quote(node.toString()));
        }
        return new Operand.Chain(chainPosition, node, fields);
    }

    private Operand term() {
        Item item = nextNonSpace();
        switch (item.kind()) {
            case IDENTIFIER -> {
                if (!functions.contains(item.value())) {
                    throw error("function " + GoQuoting.quote(item.value()) + " not defined");
                }
                return new Operand.Identifier(item.position(), item.value());
            }
            case DOT -> {
                return new Operand.Dot(item.position());
            }
            case NIL -> {
                return new Operand.Nil(item.position());
            }
            case VARIABLE -> {
                return useVariable(item);
            }
            case FIELD -> {
                return new Operand.Field(item.position(), List.of(item.value().substring(1)));
            }
            case BOOL -> {
                return new Operand.Bool(item.position(), item.value().equals("true"));
            }
            case CHAR_CONSTANT, COMPLEX, NUMBER -> {
                try {
                    return GoLiterals.number(item.position(), item.value(), item.kind() == Kind.CHAR_CONSTANT,
                            item.kind() == Kind.COMPLEX);
                } catch (IllegalArgumentException e) {
                    throw error(e.getMessage());
                }
            }
            case LEFT_PAREN -> {
                enter();
                try {
                    return pipeline("parenthesized pipeline", Kind.RIGHT_PAREN);
                } finally {
                    nesting--;
                }
            }
            case STRING, RAW_STRING -> {
                try {
                    return new Operand.Text(item.position(), item.value(), GoLiterals.unquote(item.value()));
                } catch (IllegalArgumentException e) {
                    throw error(e.getMessage());
                }
            }
            default -> {
                backup(1);
                return null;
            }
        }
    }

    private Operand useVariable(Item item) {
        List<String> names = List.of(item.value().split("\\.", -1));
        if (!variables.contains(names.get(0))) {
            throw error("undefined variable " + GoQuoting.quote(names.get(0)));
        }
        return new Operand.Variable(item.position(), names);
    }
}

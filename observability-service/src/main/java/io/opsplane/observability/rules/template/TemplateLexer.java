package io.opsplane.observability.rules.template;

import io.opsplane.observability.promql.GoQuoting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits a template into items as Go 1.19's text/template lexer does: text, {{ }} actions with
 * "{{- " and " -}}" trimming the spaces next to them, comments, and the words, literals and
 * punctuation inside actions. Lexing stops at the first error, which becomes the last item.
 */
final class TemplateLexer {

    enum Kind {
        ERROR, BOOL, CHAR, CHAR_CONSTANT, COMPLEX, ASSIGN, DECLARE, EOF, FIELD, IDENTIFIER, LEFT_DELIM,
        LEFT_PAREN, NUMBER, PIPE, RAW_STRING, RIGHT_DELIM, RIGHT_PAREN, SPACE, STRING, TEXT, VARIABLE,
        // keywords
        BLOCK, BREAK, CONTINUE, DOT, DEFINE, ELSE, END, IF, NIL, RANGE, TEMPLATE, WITH;

        boolean isKeyword() {
            return ordinal() >= BLOCK.ordinal();
        }
    }

    /** One item: kind, position (index in the text), text as written, line where it starts. */
    record Item(Kind kind, int position, String value, int line) {

        /** How Go names an item in "unexpected ..." errors. */
        String describe() {
            if (kind == Kind.EOF) {
                return "EOF";
            }
            if (kind == Kind.ERROR) {
                return value;
            }
            if (kind.isKeyword()) {
                return "<" + value + ">";
            }
            if (value.codePointCount(0, value.length()) > 10) {
                return GoQuoting.quote(value.substring(0, value.offsetByCodePoints(0, 10))) + "...";
            }
            return GoQuoting.quote(value);
        }
    }

    private static final Map<String, Kind> KEYWORDS = Map.ofEntries(
            Map.entry(".", Kind.DOT), Map.entry("block", Kind.BLOCK), Map.entry("break", Kind.BREAK),
            Map.entry("continue", Kind.CONTINUE), Map.entry("define", Kind.DEFINE), Map.entry("else", Kind.ELSE),
            Map.entry("end", Kind.END), Map.entry("if", Kind.IF), Map.entry("range", Kind.RANGE),
            Map.entry("nil", Kind.NIL), Map.entry("template", Kind.TEMPLATE), Map.entry("with", Kind.WITH));
    private static final String LEFT = "{{";
    private static final String RIGHT = "}}";
    private static final String SPACE_CHARS = " \t\r\n";

    private final String input;
    private final List<Item> items = new ArrayList<>();
    private int pos;
    private int start;
    private int width;
    /** Lines are counted up to {@code countedTo}; items start at increasing positions. */
    private int countedTo;
    private int countedLine = 1;
    private int parenDepth;
    private boolean insideAction;
    private boolean done;

    private TemplateLexer(String input) {
        this.input = input;
    }

    static List<Item> lex(String input) {
        TemplateLexer lexer = new TemplateLexer(input);
        while (!lexer.done) {
            if (lexer.insideAction) {
                lexer.lexInsideAction();
            } else {
                lexer.lexText();
            }
        }
        return lexer.items;
    }

    private int next() {
        if (pos >= input.length()) {
            width = 0;
            return -1;
        }
        int r = input.codePointAt(pos);
        width = Character.charCount(r);
        pos += width;
        return r;
    }

    private void backup() {
        pos -= width;
    }

    private int peek() {
        int r = next();
        backup();
        return r;
    }

    private boolean accept(String valid) {
        int r = next();
        if (r >= 0 && valid.indexOf(r) >= 0) {
            return true;
        }
        backup();
        return false;
    }

    private void acceptRun(String valid) {
        while (accept(valid)) {
            // consume
        }
    }

    private void emit(Kind kind) {
        items.add(new Item(kind, start, input.substring(start, pos), lineAt(start)));
        start = pos;
    }

    private void ignore() {
        start = pos;
    }

    private int lineAt(int position) {
        for (; countedTo < position; countedTo++) {
            if (input.charAt(countedTo) == '\n') {
                countedLine++;
            }
        }
        return countedLine;
    }

    private void error(String message) {
        items.add(new Item(Kind.ERROR, start, message, lineAt(start)));
        done = true;
    }

    private void lexText() {
        width = 0;
        int x = input.indexOf(LEFT, pos);
        if (x < 0) {
            pos = input.length();
            if (pos > start) {
                emit(Kind.TEXT);
            }
            emit(Kind.EOF);
            done = true;
            return;
        }
        int textEnd = x;
        if (hasLeftTrimMarker(x + LEFT.length())) {
            while (textEnd > start && SPACE_CHARS.indexOf(input.charAt(textEnd - 1)) >= 0) {
                textEnd--;
            }
        }
        pos = textEnd;
        if (pos > start) {
            emit(Kind.TEXT);
        }
        pos = x;
        start = pos;
        lexLeftDelim();
    }

    private boolean hasLeftTrimMarker(int at) {
        return at + 1 < input.length() && input.charAt(at) == '-' && SPACE_CHARS.indexOf(input.charAt(at + 1)) >= 0;
    }

    private boolean hasRightTrimMarker(int at) {
        return at + 1 < input.length() && SPACE_CHARS.indexOf(input.charAt(at)) >= 0 && input.charAt(at + 1) == '-';
    }

    /** Whether pos is at the right delimiter (first) and whether a trim marker precedes it (second). */
    private boolean[] atRightDelim() {
        if (input.startsWith(RIGHT, pos)) {
            return new boolean[] {true, false};
        }
        if (hasRightTrimMarker(pos) && input.startsWith(RIGHT, pos + 2)) {
            return new boolean[] {true, true};
        }
        return new boolean[] {false, false};
    }

    private void lexLeftDelim() {
        pos += LEFT.length();
        boolean trim = hasLeftTrimMarker(pos);
        int afterMarker = trim ? 2 : 0;
        if (input.startsWith("/*", pos + afterMarker)) {
            pos += afterMarker;
            ignore();
            lexComment();
            return;
        }
        emit(Kind.LEFT_DELIM);
        pos += afterMarker;
        ignore();
        parenDepth = 0;
        insideAction = true;
    }

    private void lexComment() {
        pos += 2;
        int end = input.indexOf("*/", pos);
        if (end < 0) {
            error("unclosed comment");
            return;
        }
        pos = end + 2;
        boolean[] delim = atRightDelim();
        if (!delim[0]) {
            error("comment ends before closing delimiter");
            return;
        }
        if (delim[1]) {
            pos += 2;
        }
        pos += RIGHT.length();
        if (delim[1]) {
            skipLeadingSpaces();
        }
        ignore();
    }

    private void skipLeadingSpaces() {
        while (pos < input.length() && SPACE_CHARS.indexOf(input.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private void lexRightDelim() {
        boolean trim = hasRightTrimMarker(pos);
        if (trim) {
            pos += 2;
            ignore();
        }
        pos += RIGHT.length();
        emit(Kind.RIGHT_DELIM);
        if (trim) {
            skipLeadingSpaces();
            ignore();
        }
        insideAction = false;
    }

    private void lexInsideAction() {
        boolean[] delim = atRightDelim();
        if (delim[0]) {
            if (parenDepth == 0) {
                lexRightDelim();
            } else {
                error("unclosed left paren");
            }
            return;
        }
        int r = next();
        if (r == -1) {
            error("unclosed action");
        } else if (isSpace(r)) {
            backup();
            lexSpace();
        } else if (r == '=') {
            emit(Kind.ASSIGN);
        } else if (r == ':') {
            if (next() != '=') {
                error("expected :=");
                return;
            }
            emit(Kind.DECLARE);
        } else if (r == '|') {
            emit(Kind.PIPE);
        } else if (r == '"') {
            lexQuote();
        } else if (r == '`') {
            lexRawQuote();
        } else if (r == '$') {
            lexVariable();
        } else if (r == '\'') {
            lexChar();
        } else if (r == '.' && pos < input.length() && (input.charAt(pos) < '0' || input.charAt(pos) > '9')) {
            lexFieldOrVariable(Kind.FIELD);
        } else if (r == '.' || r == '+' || r == '-' || (r >= '0' && r <= '9')) {
            backup();
            lexNumber();
        } else if (isAlphaNumeric(r)) {
            backup();
            lexIdentifier();
        } else if (r == '(') {
            emit(Kind.LEFT_PAREN);
            parenDepth++;
        } else if (r == ')') {
            emit(Kind.RIGHT_PAREN);
            parenDepth--;
            if (parenDepth < 0) {
                error("unexpected right paren " + GoQuoting.unicodeNotation(r));
            }
        } else if (r <= 0x7f && r >= 0x20 && r != 0x7f) {
            emit(Kind.CHAR);
        } else {
            error("unrecognized character in action: " + GoQuoting.unicodeNotation(r));
        }
    }

    private void lexSpace() {
        int spaces = 0;
        while (isSpace(peek())) {
            next();
            spaces++;
        }
        // A space followed by "-}}" belongs to the closing delimiter.
        if (hasRightTrimMarker(pos - 1) && input.startsWith(RIGHT, pos + 1)) {
            backup();
            if (spaces == 1) {
                lexRightDelim();
                return;
            }
        }
        emit(Kind.SPACE);
    }

    private void lexIdentifier() {
        int r;
        do {
            r = next();
        } while (isAlphaNumeric(r));
        backup();
        String word = input.substring(start, pos);
        if (!atTerminator()) {
            error("bad character " + GoQuoting.unicodeNotation(r));
            return;
        }
        Kind keyword = KEYWORDS.get(word);
        if (keyword != null) {
            emit(keyword);
        } else if (word.equals("true") || word.equals("false")) {
            emit(Kind.BOOL);
        } else {
            emit(Kind.IDENTIFIER);
        }
    }

    private void lexVariable() {
        if (atTerminator()) {
            emit(Kind.VARIABLE);
            return;
        }
        lexFieldOrVariable(Kind.VARIABLE);
    }

    private void lexFieldOrVariable(Kind kind) {
        if (atTerminator()) {
            emit(kind == Kind.VARIABLE ? Kind.VARIABLE : Kind.DOT);
            return;
        }
        int r;
        do {
            r = next();
        } while (isAlphaNumeric(r));
        backup();
        if (!atTerminator()) {
            error("bad character " + GoQuoting.unicodeNotation(r));
            return;
        }
        emit(kind);
    }

    private boolean atTerminator() {
        int r = peek();
        if (isSpace(r)) {
            return true;
        }
        return r == -1 || r == '.' || r == ',' || r == '|' || r == ':' || r == ')' || r == '(' || r == '}';
    }

    private void lexChar() {
        lexEscaped('\'', Kind.CHAR_CONSTANT, "unterminated character constant");
    }

    /** A quoted token with backslash escapes, up to {@code close} on the same line. */
    private void lexEscaped(char close, Kind kind, String unterminated) {
        while (true) {
            int r = next();
            if (r == '\\') {
                int escaped = next();
                if (escaped != -1 && escaped != '\n') {
                    continue;
                }
                error(unterminated);
                return;
            }
            if (r == -1 || r == '\n') {
                error(unterminated);
                return;
            }
            if (r == close) {
                emit(kind);
                return;
            }
        }
    }

    private void lexNumber() {
        if (!scanNumber()) {
            error("bad number syntax: " + GoQuoting.quote(input.substring(start, pos)));
            return;
        }
        int sign = peek();
        if (sign == '+' || sign == '-') {
            if (!scanNumber() || input.charAt(pos - 1) != 'i') {
                error("bad number syntax: " + GoQuoting.quote(input.substring(start, pos)));
                return;
            }
            emit(Kind.COMPLEX);
            return;
        }
        emit(Kind.NUMBER);
    }

    /** Go's number scanner: it lets through some malformed numbers, which parsing the value refuses. */
    private boolean scanNumber() {
        accept("+-");
        String digits = "0123456789_";
        boolean decimal = true;
        boolean hex = false;
        if (accept("0")) {
            if (accept("xX")) {
                digits = "0123456789abcdefABCDEF_";
                decimal = false;
                hex = true;
            } else if (accept("oO")) {
                digits = "01234567_";
                decimal = false;
            } else if (accept("bB")) {
                digits = "01_";
                decimal = false;
            }
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if ((decimal && accept("eE")) || (hex && accept("pP"))) {
            accept("+-");
            acceptRun("0123456789_");
        }
        accept("i");
        if (isAlphaNumeric(peek())) {
            next();
            return false;
        }
        return true;
    }

    private void lexQuote() {
        lexEscaped('"', Kind.STRING, "unterminated quoted string");
    }

    private void lexRawQuote() {
        int end = input.indexOf('`', pos);
        if (end < 0) {
            error("unterminated raw quoted string");
            return;
        }
        pos = end + 1;
        emit(Kind.RAW_STRING);
    }

    private static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\r' || r == '\n';
    }

    private static boolean isAlphaNumeric(int r) {
        return r == '_' || (r >= 0 && (Character.isLetter(r) || Character.isDigit(r)));
    }
}

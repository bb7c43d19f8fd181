package io.opsplane.observability.promql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Splits a PromQL query into tokens the way Prometheus 2.42's lexer does, including its quirks
 * (keywords are case-insensitive, inside brackets any letter reads as the subquery colon), so that
 * the same queries are accepted and the same errors are reported. Lexing stops at the first
 * error, which becomes an {@link TokenType#ERROR} token carrying the message.
 */
final class Lexer {

    private static final Map<String, TokenType> WORDS = words();

    private final String input;
    private final List<Token> tokens = new ArrayList<>();
    private int pos;
    private int width;
    private int start;
    private int parenDepth;
    private boolean braceOpen;
    private boolean bracketOpen;
    private boolean gotColon;

    private Lexer(String input) {
        this.input = input;
    }

    /** The tokens of the input, ending with EOF or with the ERROR that stopped lexing. */
    static List<Token> tokenize(String input) {
        Lexer lexer = new Lexer(input);
        lexer.run();
        return lexer.tokens;
    }

    private static Map<String, TokenType> words() {
        Map<String, TokenType> words = new java.util.HashMap<>();
        for (TokenType type : TokenType.values()) {
            if (type.text != null && Character.isLetter(type.text.charAt(0))) {
                words.put(type.text, type);
            }
        }
        words.put("inf", TokenType.NUMBER);
        words.put("nan", TokenType.NUMBER);
        return Map.copyOf(words);
    }

    private void run() {
        while (true) {
            TokenType last = tokens.isEmpty() ? null : tokens.get(tokens.size() - 1).type();
            if (last == TokenType.EOF || last == TokenType.ERROR) {
                return;
            }
            if (braceOpen) {
                lexInsideBraces();
            } else {
                lexStatement();
            }
        }
    }

    /** The next code point, or -1 at the end; like Go's lexer, reading the end consumes nothing. */
    private int next() {
        if (pos >= input.length()) {
            width = 0;
            return -1;
        }
        int cp = input.codePointAt(pos);
        width = Character.charCount(cp);
        pos += width;
        return cp;
    }

    /** Steps back over the code point last read by {@link #next()}. */
    private void backup() {
        pos -= width;
    }

    private int peek() {
        int cp = next();
        backup();
        return cp;
    }

    private boolean accept(String valid) {
        int cp = next();
        if (cp >= 0 && valid.indexOf(cp) >= 0) {
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

    private void emit(TokenType type) {
        tokens.add(new Token(type, start, input.substring(start, pos)));
        start = pos;
    }

    private void error(String message) {
        tokens.add(new Token(TokenType.ERROR, start, message));
    }

    private void skipLineComment() {
        while (pos < input.length() && input.charAt(pos) != '\n' && input.charAt(pos) != '\r') {
            pos++;
        }
        start = pos;
    }

    private void skipSpaces() {
        while (isSpace(peek())) {
            next();
        }
        start = pos;
    }

    private void lexStatement() {
        if (input.startsWith("#", pos)) {
            skipLineComment();
            return;
        }
        int r = next();
        if (r == -1) {
            if (parenDepth != 0) {
                error("unclosed left parenthesis");
            } else if (bracketOpen) {
                error("unclosed left bracket");
            } else {
                emit(TokenType.EOF);
            }
            return;
        }
        if (isSpace(r)) {
            skipSpaces();
            return;
        }
        switch (r) {
            case ',' -> emit(TokenType.COMMA);
            case '*' -> emit(TokenType.MUL);
            case '/' -> emit(TokenType.DIV);
            case '%' -> emit(TokenType.MOD);
            case '+' -> emit(TokenType.ADD);
            case '-' -> emit(TokenType.SUB);
            case '^' -> emit(TokenType.POW);
            case '@' -> emit(TokenType.AT);
            case '=' -> {
                int t = peek();
                if (t == '=') {
                    next();
                    emit(TokenType.EQLC);
                } else if (t == '~') {
                    error("unexpected character after '=': " + GoQuoting.quoteRune(t));
                } else {
                    emit(TokenType.EQL);
                }
            }
            case '!' -> {
                int t = next();
                if (t == '=') {
                    emit(TokenType.NEQ);
                } else {
                    error("unexpected character after '!': " + quoteRuneOrEof(t));
                }
            }
            case '<' -> emitWithOptionalEquals(TokenType.LSS, TokenType.LTE);
            case '>' -> emitWithOptionalEquals(TokenType.GTR, TokenType.GTE);
            case '"', '\'' -> lexString(r);
            case '`' -> lexRawString();
            case '(' -> {
                emit(TokenType.LEFT_PAREN);
                parenDepth++;
            }
            case ')' -> {
                parenDepth--;
                if (parenDepth < 0) {
                    // Prometheus reports this after the parenthesis, which it never hands to the parser.
                    start = pos;
                    error("unexpected right parenthesis " + GoQuoting.quoteRune(r));
                } else {
                    emit(TokenType.RIGHT_PAREN);
                }
            }
            case '{' -> {
                emit(TokenType.LEFT_BRACE);
                braceOpen = true;
            }
            case '[' -> {
                if (bracketOpen) {
                    error("unexpected left bracket " + GoQuoting.quoteRune(r));
                    return;
                }
                gotColon = false;
                emit(TokenType.LEFT_BRACKET);
                skipSpaces();
                bracketOpen = true;
                lexDuration();
            }
            case ']' -> {
                if (!bracketOpen) {
                    error("unexpected right bracket " + GoQuoting.quoteRune(r));
                    return;
                }
                emit(TokenType.RIGHT_BRACKET);
                bracketOpen = false;
            }
            default -> lexOther(r);
        }
    }

    private void lexOther(int r) {
        if (isDigit(r) || (r == '.' && isDigit(peek()))) {
            backup();
            lexNumberOrDuration();
        } else if (isAlpha(r) || r == ':') {
            if (!bracketOpen) {
                backup();
                lexKeywordOrIdentifier();
            } else if (gotColon) {
                error("unexpected colon " + GoQuoting.quoteRune(r));
            } else {
                // Prometheus 2.42 reads any letter here as the subquery colon.
                emit(TokenType.COLON);
                gotColon = true;
            }
        } else {
            error("unexpected character: " + GoQuoting.quoteRune(r));
        }
    }

    private void emitWithOptionalEquals(TokenType plain, TokenType withEquals) {
        if (peek() == '=') {
            next();
            emit(withEquals);
        } else {
            emit(plain);
        }
    }

    private void lexInsideBraces() {
        if (input.startsWith("#", pos)) {
            skipLineComment();
            return;
        }
        int r = next();
        if (r == -1) {
            error("unexpected end of input inside braces");
            return;
        }
        if (isSpace(r)) {
            skipSpaces();
        } else if (isAlpha(r)) {
            while (isAlphaNumeric(peek())) {
                next();
            }
            emit(TokenType.IDENTIFIER);
        } else {
            switch (r) {
                case ',' -> emit(TokenType.COMMA);
                case '"', '\'' -> lexString(r);
                case '`' -> lexRawString();
                case '=' -> emit(accept("~") ? TokenType.EQL_REGEX : TokenType.EQL);
                case '!' -> {
                    int nr = next();
                    if (nr == '~') {
                        emit(TokenType.NEQ_REGEX);
                    } else if (nr == '=') {
                        emit(TokenType.NEQ);
                    } else {
                        error("unexpected character after '!' inside braces: " + quoteRuneOrEof(nr));
                    }
                }
                case '{' -> error("unexpected left brace " + GoQuoting.quoteRune(r));
                case '}' -> {
                    emit(TokenType.RIGHT_BRACE);
                    braceOpen = false;
                }
                default -> error("unexpected character inside braces: " + GoQuoting.quoteRune(r));
            }
        }
    }

    private void lexString(int quote) {
        while (true) {
            int r = next();
            if (r == '\\') {
                if (!lexEscape(quote)) {
                    return;
                }
            } else if (r == -1 || r == '\n') {
                error("unterminated quoted string");
                return;
            } else if (r == quote) {
                emit(TokenType.STRING);
                return;
            }
        }
    }

    /** Validates one escape sequence after a backslash; false (with an error token) when invalid. */
    private boolean lexEscape(int quote) {
        int ch = next();
        int digits;
        int base;
        int max;
        switch (ch) {
            case 'a', 'b', 'f', 'n', 'r', 't', 'v', '\\' -> {
                return true;
            }
            case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                digits = 3;
                base = 8;
                max = 255;
            }
            case 'x' -> {
                ch = next();
                digits = 2;
                base = 16;
                max = 255;
            }
            case 'u' -> {
                ch = next();
                digits = 4;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case 'U' -> {
                ch = next();
                digits = 8;
                base = 16;
                max = Character.MAX_CODE_POINT;
            }
            case -1 -> {
                error("escape sequence not terminated");
                return false;
            }
            default -> {
                if (ch == quote) {
                    return true;
                }
                error("unknown escape sequence " + GoQuoting.unicodeNotation(ch));
                return false;
            }
        }
        long value = 0;
        while (digits > 0) {
            int digit = Character.digit(ch, 16);
            if (ch > 0x7f || digit < 0 || digit >= base) {
                error(ch == -1 ? "escape sequence not terminated"
                        : "illegal character " + GoQuoting.unicodeNotation(ch) + " in escape sequence");
                return false;
            }
            value = value * base + digit;
            digits--;
            if (digits > 0) {
                ch = next();
            }
        }
        if (value > max || (value >= 0xD800 && value < 0xE000)) {
            error("escape sequence is an invalid Unicode code point");
            return false;
        }
        return true;
    }

    private void lexRawString() {
        int end = input.indexOf('`', pos);
        if (end < 0) {
            pos = input.length();
            error("unterminated raw string");
            return;
        }
        pos = end + 1;
        emit(TokenType.STRING);
    }

    private void lexDuration() {
        if (scanNumber()) {
            error("missing unit character in duration");
            return;
        }
        if (!acceptRemainingDuration()) {
            error("bad duration syntax: " + GoQuoting.quote(input.substring(start, pos)));
            return;
        }
        backup();
        emit(TokenType.DURATION);
    }

    private void lexNumberOrDuration() {
        if (scanNumber()) {
            emit(TokenType.NUMBER);
            return;
        }
        if (acceptRemainingDuration()) {
            backup();
            emit(TokenType.DURATION);
            return;
        }
        error("bad number or duration syntax: " + GoQuoting.quote(input.substring(start, pos)));
    }

    /**
     * Consumes the unit part of a duration; true when it ends on a non-alphanumeric character,
     * which has been read as well (the caller steps back over it).
     */
    private boolean acceptRemainingDuration() {
        if (!accept("smhdwy")) {
            return false;
        }
        accept("s");
        while (accept("0123456789")) {
            acceptRun("0123456789");
            if (!accept("smhdw")) {
                return false;
            }
            accept("s");
        }
        return !isAlphaNumeric(next());
    }

    private boolean scanNumber() {
        String digits = "0123456789";
        if (accept("0") && accept("xX")) {
            digits = "0123456789abcdefABCDEF";
        }
        acceptRun(digits);
        if (accept(".")) {
            acceptRun(digits);
        }
        if (accept("eE")) {
            accept("+-");
            acceptRun("0123456789");
        }
        return !isAlphaNumeric(peek());
    }

    private void lexKeywordOrIdentifier() {
        while (true) {
            int r = next();
            if (!(isAlphaNumeric(r) || r == ':')) {
                backup();
                break;
            }
        }
        String word = input.substring(start, pos);
        TokenType keyword = WORDS.get(word.toLowerCase(Locale.ROOT));
        if (keyword != null) {
            emit(keyword);
        } else {
            emit(word.indexOf(':') < 0 ? TokenType.IDENTIFIER : TokenType.METRIC_IDENTIFIER);
        }
    }

    private static String quoteRuneOrEof(int cp) {
        return GoQuoting.quoteRune(cp == -1 ? 0xFFFD : cp);
    }

    static boolean isSpace(int r) {
        return r == ' ' || r == '\t' || r == '\n' || r == '\r';
    }

    static boolean isDigit(int r) {
        return r >= '0' && r <= '9';
    }

    static boolean isAlpha(int r) {
        return r == '_' || (r >= 'a' && r <= 'z') || (r >= 'A' && r <= 'Z');
    }

    static boolean isAlphaNumeric(int r) {
        return isAlpha(r) || isDigit(r);
    }
}

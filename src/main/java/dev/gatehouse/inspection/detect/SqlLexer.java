package dev.gatehouse.inspection.detect;

/*
 * Splits normalised text into the tokens a SQL injection is made of. The text may be prose, so the
 * lexer never fails: it only classifies. Quotes are tokens of their own rather than string
 * delimiters, because an injection's whole point is to close a string the application opened: we
 * cannot know which side of a quote is "inside". An apostrophe between two letters (O'Brien,
 * don't) is part of the word, unless a SQL keyword follows it directly (admin'or 1=1).
 *
 * Comments: "--" followed by a blank, a quote or the end, "#", and "/*" (its body is skipped up to
 * "*\/", but MySQL's executable "/*!50000 ... *\/" is read as code). A '+' directly before a letter
 * is a URL-encoded blank (union+select).
 */
final class SqlLexer {

    static final int END = 0;
    static final int WORD = 1;
    static final int NUMBER = 2;
    static final int QUOTE = 3;
    static final int COMPARE = 4;
    static final int LOGIC = 5;
    static final int OPERATOR = 6;
    static final int OPEN = 7;
    static final int CLOSE = 8;
    static final int COMMA = 9;
    static final int SEMICOLON = 10;
    static final int COMMENT = 11;
    static final int VARIABLE = 12;
    static final int SYSTEM_VARIABLE = 13;
    static final int DOT = 14;
    static final int OTHER = 15;

    private final String text;
    private final int length;
    private int position;

    /** The last token: its type and where it sits in the text. */
    int type;
    int start;
    int end;
    /** For a comment: whether it ran to the end of the text. */
    boolean open;

    SqlLexer(String text) {
        this.text = text;
        this.length = text.length();
    }

    int next() {
        skipBlanks();
        open = false;
        start = position;
        if (position >= length) {
            end = position;
            return type = END;
        }
        char c = text.charAt(position);
        if (isWordStart(c)) {
            position = wordEnd(position);
            return finish(WORD);
        }
        if (isDigit(c)) {
            return number();
        }
        switch (c) {
            case '\'', '"', '`', '\u2032', '\u00b4' -> {
                position++;
                return finish(QUOTE);
            }
            case '=' -> {
                position++;
                return finish(COMPARE);
            }
            case '<', '>' -> {
                position++;
                if (position < length && (text.charAt(position) == '=' || text.charAt(position) == '>')) {
                    position++;
                }
                return finish(COMPARE);
            }
            case '!' -> {
                position++;
                if (position < length && text.charAt(position) == '=') {
                    position++;
                    return finish(COMPARE);
                }
                return finish(OPERATOR);
            }
            case '|', '&' -> {
                position++;
                if (position < length && text.charAt(position) == c) {
                    position++;
                    return finish(LOGIC);
                }
                return finish(OPERATOR);
            }
            case '(' -> {
                position++;
                return finish(OPEN);
            }
            case ')' -> {
                position++;
                return finish(CLOSE);
            }
            case ',' -> {
                position++;
                return finish(COMMA);
            }
            case ';' -> {
                position++;
                return finish(SEMICOLON);
            }
            case '.' -> {
                position++;
                return finish(DOT);
            }
            case '#' -> {
                // MySQL's line comment; "#946599" and "#text" are a bug number and a name
                char after = position + 1 < length ? text.charAt(position + 1) : ' ';
                if (after == ' ' || after == '\n' || after == '\'' || after == '"') {
                    position = lineEnd();
                    open = true;
                    return finish(COMMENT);
                }
                position++;
                return finish(OTHER);
            }
            case '@' -> {
                return variable();
            }
            case '-' -> {
                if (position + 1 < length && text.charAt(position + 1) == '-'
                        && (position + 2 >= length || !isWordChar(text.charAt(position + 2)))) {
                    position = lineEnd();
                    open = true;
                    return finish(COMMENT);
                }
                position++;
                return finish(OPERATOR);
            }
            case '/' -> {
                if (position + 1 < length && text.charAt(position + 1) == '*') {
                    return blockComment();
                }
                position++;
                return finish(OPERATOR);
            }
            default -> {
                position++;
                return finish(c == '+' || c == '*' || c == '%' || c == '^' || c == '~' || c == ':' ? OPERATOR : OTHER);
            }
        }
    }

    /** The token's text equals {@code word}. */
    boolean is(String word) {
        return end - start == word.length() && text.regionMatches(start, word, 0, word.length());
    }

    boolean startsWith(String prefix) {
        return end - start >= prefix.length() && text.regionMatches(start, prefix, 0, prefix.length());
    }

    /** The character right after the token, or 0 at the end. */
    char following() {
        return end < length ? text.charAt(end) : 0;
    }

    private int finish(int tokenType) {
        end = position;
        return type = tokenType;
    }

    private void skipBlanks() {
        while (position < length) {
            char c = text.charAt(position);
            if (c == ' ' || c == '\n') {
                position++;
            } else if (c == '+' && position + 1 < length && isWordStart(text.charAt(position + 1))
                    && (position == 0 || !isWordChar(text.charAt(position - 1)) || isWordStart(text.charAt(position - 1)))) {
                position++;
            } else {
                return;
            }
        }
    }

    private int number() {
        if (text.charAt(position) == '0' && position + 1 < length && text.charAt(position + 1) == 'x') {
            int digits = position + 2;
            while (digits < length && Character.digit(text.charAt(digits), 16) >= 0) {
                digits++;
            }
            if (digits > position + 2) {
                position = digits;
                return finish(NUMBER);
            }
        }
        while (position < length && (isDigit(text.charAt(position)) || text.charAt(position) == '.')) {
            position++;
        }
        if (position < length && isWordStart(text.charAt(position))) {
            position = wordEnd(position);
            return finish(WORD);
        }
        return finish(NUMBER);
    }

    private int variable() {
        int i = position + 1;
        boolean system = i < length && text.charAt(i) == '@';
        if (system) {
            i++;
        }
        int nameStart = i;
        while (i < length && isWordChar(text.charAt(i))) {
            i++;
        }
        position = i;
        if (i == nameStart) {
            return finish(OTHER);
        }
        return finish(system ? SYSTEM_VARIABLE : VARIABLE);
    }

    private int blockComment() {
        int body = position + 2;
        if (body < length && text.charAt(body) == '!') {
            // MySQL runs the body of /*!50000 ... */: read it as code
            int i = body + 1;
            while (i < length && isDigit(text.charAt(i))) {
                i++;
            }
            position = i;
            return next();
        }
        int close = text.indexOf("*/", body);
        open = close < 0;
        position = close < 0 ? length : close + 2;
        return finish(COMMENT);
    }

    private int lineEnd() {
        int i = text.indexOf('\n', position);
        return i < 0 ? length : i;
    }

    private int wordEnd(int from) {
        int i = from;
        while (i < length) {
            char c = text.charAt(i);
            if (isWordChar(c)) {
                i++;
            } else if (c == '\'' && i > from && Character.isLetter(text.charAt(i - 1)) && i + 1 < length
                    && Character.isLetter(text.charAt(i + 1)) && !keywordAt(i + 1)) {
                i++;
            } else {
                return i;
            }
        }
        return i;
    }

    private boolean keywordAt(int from) {
        int i = from;
        while (i < length && isWordChar(text.charAt(i))) {
            i++;
        }
        return SqlInjectionScorer.breaksApostrophe(SqlInjectionScorer.KEYWORDS.tag(text, from, i));
    }

    static boolean isWordStart(char c) {
        return (c >= 'a' && c <= 'z') || c == '_' || c == '$' || (c >= 0xC0 && Character.isLetter(c));
    }

    static boolean isWordChar(char c) {
        return isWordStart(c) || isDigit(c);
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}

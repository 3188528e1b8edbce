package dev.gatehouse.inspection.detect;

import static dev.gatehouse.inspection.detect.SqlLexer.CLOSE;
import static dev.gatehouse.inspection.detect.SqlLexer.COMMA;
import static dev.gatehouse.inspection.detect.SqlLexer.COMMENT;
import static dev.gatehouse.inspection.detect.SqlLexer.COMPARE;
import static dev.gatehouse.inspection.detect.SqlLexer.DOT;
import static dev.gatehouse.inspection.detect.SqlLexer.END;
import static dev.gatehouse.inspection.detect.SqlLexer.LOGIC;
import static dev.gatehouse.inspection.detect.SqlLexer.NUMBER;
import static dev.gatehouse.inspection.detect.SqlLexer.OPEN;
import static dev.gatehouse.inspection.detect.SqlLexer.OPERATOR;
import static dev.gatehouse.inspection.detect.SqlLexer.QUOTE;
import static dev.gatehouse.inspection.detect.SqlLexer.SEMICOLON;
import static dev.gatehouse.inspection.detect.SqlLexer.SYSTEM_VARIABLE;
import static dev.gatehouse.inspection.detect.SqlLexer.VARIABLE;
import static dev.gatehouse.inspection.detect.SqlLexer.WORD;

/*
 * Scores SQL injection over the tokens of SqlLexer. No single SQL word is suspicious: prose says
 * "select the best option or ask", names have apostrophes, changelogs say "drop support". What
 * gives an injection away is a *sequence* that only makes sense to a SQL parser, so each rule
 * below looks at a token and the few before it (a ring of the last eight) and adds points:
 *
 *   quote, then boolean logic         ' or …, ") and …                         6
 *   boolean logic, operand, compare   or 1=1, and 'a' like …, having 1=0       6
 *   the same operand on both sides    1=1, 'a'='a, x=x                         4
 *   logic then a bare literal         or true--, or 1 --, or ''=               6
 *   quote, then a comment or ';'      admin'--, ')#, '; --                     10
 *   union [all] select                                                         12
 *   verb with its object              drop table t, delete from, exec xp_…     6
 *   stacked query, waitfor delay      ; drop …, waitfor delay '0:0:5'          6, 12
 *   order/group by a number           order by 3                               8
 *   system variables, catalogs        @@version, information_schema, xp_cmdshell 10
 *   time and file functions           sleep(, benchmark(, pg_sleep(, load_file( 6–10, +4 after an operator
 *   string-building functions         char(, concat(, substring( …             3 each, at most 9
 *   long hex literals, LDAP filters   0x73656c…, *(|(mail=*))                   6–10
 *   input that starts with logic or a verb (payload appended to a value)       4
 *   a trailing comment after anything above                                    4
 *
 * A score of Detector.THRESHOLD (10) is a detection. Weights were tuned on the attack corpus and
 * its benign file, and chosen so that no single weak rule reaches the threshold on its own.
 */
final class SqlInjectionScorer {

    private static final int K_OR = 1;
    private static final int K_AND = 2;
    private static final int K_UNION = 3;
    private static final int K_SELECT = 4;
    private static final int K_ALL = 5;
    private static final int K_FROM = 6;
    private static final int K_WHERE = 7;
    private static final int K_ORDER = 8;
    private static final int K_BY = 9;
    private static final int K_COMPARE = 10;
    private static final int K_LITERAL = 11;
    private static final int K_OBJECT = 12;
    private static final int K_INTO = 13;
    private static final int K_SET = 14;
    private static final int K_DELAY = 15;
    private static final int K_OUTFILE = 16;
    private static final int K_TOP = 17;
    private static final int K_CASE = 18;
    private static final int K_WHEN = 19;
    private static final int K_TO = 20;
    // verbs: everything from here up
    private static final int K_DROP = 30;
    private static final int K_CREATE = 31;
    private static final int K_DELETE = 32;
    private static final int K_INSERT = 33;
    private static final int K_UPDATE = 34;
    private static final int K_EXEC = 35;
    private static final int K_DECLARE = 36;
    private static final int K_WAITFOR = 37;
    private static final int K_SHUTDOWN = 38;
    private static final int K_GRANT = 39;
    private static final int K_COPY = 40;
    private static final int K_BEGIN = 41;

    static final Vocabulary KEYWORDS = Vocabulary.tagged(
            new String[] {"or", "xor", "and", "union", "select", "all", "distinct", "from", "where", "having", "order",
                "group", "by", "like", "rlike", "regexp", "is", "in", "between", "true", "false", "null", "table",
                "database", "function", "procedure", "view", "schema", "into", "set", "delay", "outfile", "dumpfile",
                "top", "case", "when", "to", "drop", "alter", "truncate", "create", "delete", "insert", "update",
                "exec", "execute", "declare", "waitfor", "shutdown", "grant", "copy", "begin"},
            new int[] {K_OR, K_OR, K_AND, K_UNION, K_SELECT, K_ALL, K_ALL, K_FROM, K_WHERE, K_WHERE, K_ORDER,
                K_ORDER, K_BY, K_COMPARE, K_COMPARE, K_COMPARE, K_COMPARE, K_COMPARE, K_COMPARE, K_LITERAL,
                K_LITERAL, K_LITERAL, K_OBJECT, K_OBJECT, K_OBJECT, K_OBJECT, K_OBJECT, K_OBJECT, K_INTO, K_SET,
                K_DELAY, K_OUTFILE, K_OUTFILE, K_TOP, K_CASE, K_WHEN, K_TO, K_DROP, K_DROP, K_DROP, K_CREATE,
                K_DELETE, K_INSERT, K_UPDATE, K_EXEC, K_EXEC, K_DECLARE, K_WAITFOR, K_SHUTDOWN, K_GRANT, K_COPY, K_BEGIN});

    private static final int STRONG = Vocabulary.STRONG;
    private static final int WEAK = Vocabulary.WEAK;
    private static final Vocabulary FUNCTIONS;

    static {
        String[] strong = {"sleep", "benchmark", "pg_sleep", "load_file", "extractvalue", "updatexml", "randomblob",
            "name_const", "current_setting", "pg_read_file", "utl_inaddr", "dbms_pipe", "make_set"};
        String[] weak = {"char", "chr", "nchar", "concat", "concat_ws", "group_concat", "substring", "substr", "mid",
            "ascii", "ord", "hex", "unhex", "bin", "md5", "convert", "cast", "elt", "floor", "rand", "version", "database",
            "user", "current_user", "session_user", "system_user", "db_name", "iif", "ifnull", "isnull", "nullif",
            "count", "if", "exists", "upper", "lower", "length", "schema", "like"};
        FUNCTIONS = Vocabulary.strongAndWeak(strong, weak);
    }

    /** Names that only a database (or an attacker probing one) would say. */
    private static final Vocabulary CATALOG = Vocabulary.of(1, "information_schema", "sysobjects", "syscolumns",
            "sysdatabases", "msysobjects", "sqlite_master", "sqlite_schema", "pg_shadow", "pg_user",
            "pg_group", "pg_catalog", "pg_database", "pg_ls_dir", "all_tables", "user_tables", "dba_users",
            "xp_cmdshell", "xp_regread", "xp_dirtree", "sp_executesql", "sp_password", "sp_oacreate", "sp_makewebtask",
            "utl_http", "utl_file", "dbms_lock", "dbms_xmlgen", "session_user", "current_user", "system_user",
            "current_database", "table_name", "column_name", "table_schema");

    private static final int RING = 8;

    private final SqlLexer lexer;
    private final int[] types = new int[RING];
    private final int[] keywords = new int[RING];
    private final int[] starts = new int[RING];
    private final int[] ends = new int[RING];
    private final String text;
    private int count;
    private int score;
    private int fired;
    private int weakFunctions;
    private int strongFunctions;
    private int catalogHits;
    private boolean leading = true;
    private int leadingTokens;
    private boolean quoteSemicolon;

    private SqlInjectionScorer(String text) {
        this.text = text;
        this.lexer = new SqlLexer(text);
    }

    static int score(String text) {
        return new SqlInjectionScorer(text).run();
    }

    /** Whether an apostrophe between letters stops the word when this keyword follows it. */
    static boolean breaksApostrophe(int keyword) {
        return keyword == K_OR || keyword == K_AND || keyword == K_UNION || keyword == K_SELECT || keyword == K_WHERE
                || keyword == K_ORDER || keyword >= K_DROP;
    }

    private int run() {
        if (text.contains("(|(") || text.contains("(&(") || text.contains(")(|(")) {
            score += 10;
        }
        int type;
        do {
            type = lexer.next();
            int keyword = type == WORD ? KEYWORDS.tag(text, lexer.start, lexer.end) : 0;
            if (keyword == K_OR || keyword == K_AND) {
                type = LOGIC;
            } else if (keyword == K_COMPARE && !(lexer.following() == '(')) {
                type = COMPARE;
            }
            visit(type, keyword);
            push(type, keyword);
        } while (type != END);
        return score;
    }

    private void visit(int type, int keyword) {
        leadingRules(type, keyword);
        if (quoteSemicolon) {
            quoteSemicolon = false;
            if (type == COMMENT || keyword >= K_DROP || keyword == K_SELECT) {
                once(1, 10);
            } else if (type == END) {
                once(1, 4);
            }
        }
        if (count > 0 && type(1) == SEMICOLON && (keyword >= K_DROP || keyword == K_SELECT)) {
            once(1 << 1, 6);
        }
        switch (type) {
            case LOGIC -> {
                if (quoteBefore(1)) {
                    once(1 << 2, 6);
                }
            }
            case COMPARE -> {
                if (conditionBefore()) {
                    once(1 << 3, 6);
                }
                if (type(1) == CLOSE && charAt(0) == '=' && literalFollows()) {
                    once(1 << 17, 4);
                }
            }
            case COMMENT -> {
                if (quoteBefore(1) || (type(1) == SEMICOLON && quoteBefore(2))) {
                    once(1 << 4, 10);
                }
            }
            case SEMICOLON -> quoteSemicolon = quoteBefore(1);
            case NUMBER -> {
                tautology();
                int digits = lexer.end - lexer.start - 2;
                if (lexer.startsWith("0x") && digits >= 16) {
                    once(1 << 5, digits >= 24 ? 10 : 6);
                }
                if (keyword(1) == K_BY && (keyword(2) == K_ORDER)) {
                    once(1 << 6, 8);
                }
            }
            case QUOTE -> {
                if (type(2) == QUOTE && (type(1) == OPERATOR && charAt(1) == '+' || type(1) == LOGIC && charAt(1) == '|')) {
                    once(1 << 7, 4);
                }
            }
            case SYSTEM_VARIABLE -> once(1 << 8, 10);
            case OPERATOR -> {
                if (charAt(0) == '%' && type(1) == QUOTE && type(2) == COMPARE) {
                    once(1 << 9, 6);
                }
            }
            case WORD -> word(keyword);
            default -> {
            }
        }
        if (type != COMPARE && literalAfterLogic(type)) {
            once(1 << 10, 6);
        }
        if (type == END) {
            int last = count > 0 && type(1) == QUOTE && count > 1 ? 2 : 1;
            if (count >= last && type(last) == COMMENT && score > 0) {
                score += 4;
            }
            if (keyword(1) == K_SHUTDOWN) {
                once(1 << 11, 6);
            }
        }
    }

    private void word(int keyword) {
        if (keyword == 0 || keyword == K_LITERAL) {
            tautology();
        }
        if (CATALOG.contains(text, lexer.start, lexer.end) && catalogHits++ < 2) {
            score += 10;
        }
        if (lexer.following() == '(') {
            function();
        }
        int previous = keyword(1);
        if (previous == K_UNION || (previous == K_ALL && keyword(2) == K_UNION)) {
            if (lexer.startsWith("select")) {
                once(1 << 12, 12);
            } else if (keyword == K_ALL) {
                once(1 << 13, 6);
                return;
            }
        }
        if (type(1) == QUOTE && (keyword >= K_DROP || keyword == K_SELECT || keyword == K_UNION)) {
            once(1 << 14, 4);
        }
        boolean object = switch (previous) {
            case K_DROP, K_CREATE -> keyword == K_OBJECT && statementEndsAfterName();
            case K_DELETE -> keyword == K_FROM;
            case K_INSERT -> keyword == K_INTO;
            case K_EXEC -> lexer.startsWith("xp_") || lexer.startsWith("sp_") || lexer.is("xp") || lexer.is("sp")
                    || lexer.is("master") || lexer.is("immediate");
            case K_WAITFOR -> keyword == K_DELAY || lexer.is("time");
            case K_GRANT -> lexer.is("connect") || lexer.is("resource") || lexer.is("dba") || keyword == K_ALL;
            case K_INTO -> keyword == K_OUTFILE;
            case K_SELECT -> keyword == K_TOP || keyword == K_LITERAL || lexer.following() == '(';
            case K_CASE -> keyword == K_WHEN;
            default -> (keyword == K_SET && keyword(2) == K_UPDATE) || (keyword == K_FROM || keyword == K_TO)
                    && keyword(2) == K_COPY;
        };
        if (object) {
            once(1 << 15, previous == K_WAITFOR || previous == K_INTO ? 12 : previous == K_CASE ? 4 : 6);
        }
    }

    /** Verbs whose object can also be a table-ish word: exec(…), declare @v, select *, select 1. */
    private void objectAfterVerb(int type) {
        int previous = keyword(1);
        if ((previous == K_EXEC && (type == OPEN || type == VARIABLE))
                || (previous == K_DECLARE && type == VARIABLE)
                || (previous == K_SELECT && (type == NUMBER || type == VARIABLE || type == SYSTEM_VARIABLE
                        || (type == OPERATOR && charAt(0) == '*') || type == OPEN))) {
            once(1 << 15, 6);
        }
    }

    private void function() {
        int kind = FUNCTIONS.tag(text, lexer.start, lexer.end);
        if (kind == STRONG && strongFunctions++ < 2) {
            boolean rare = !lexer.is("sleep") && !lexer.is("current_setting");
            int t = type(1);
            boolean afterOperator = count == 0 || t == LOGIC || t == OPERATOR || t == COMMA || t == OPEN || t == QUOTE
                    || t == SEMICOLON || t == COMPARE || keyword(1) == K_SELECT || keyword(1) == K_BY;
            score += (rare ? 10 : 6) + (afterOperator ? 4 : 0);
        } else if (kind == WEAK && weakFunctions < 3) {
            weakFunctions++;
            score += 3;
        }
    }

    private void leadingRules(int type, int keyword) {
        if (!leading) {
            return;
        }
        if ((type == QUOTE || type == CLOSE || type == OPEN || type == OPERATOR || type == NUMBER) && leadingTokens++ < 3) {
            return;
        }
        leading = false;
        if (type == LOGIC || (type == COMPARE && lexer.is("like")) || keyword == K_WHERE || keyword >= K_DROP
                || keyword == K_SELECT
                || keyword == K_UNION || (keyword == K_ORDER && lexer.following() == ' ')) {
            score += 4;
        }
    }

    /** Going back from {@code distance} over closing parentheses, is there a quote? */
    private boolean quoteBefore(int distance) {
        for (int d = distance; d <= count && d < RING; d++) {
            int t = type(d);
            if (t == QUOTE) {
                return true;
            }
            if (t != CLOSE) {
                return false;
            }
        }
        return false;
    }

    /** A comparison whose left side follows boolean logic (or where/having): {@code or 1=}, {@code and 'a' like}. */
    private boolean conditionBefore() {
        // "and perl is", "where m is", "or x in": with a word comparison, plain words are prose
        boolean symbol = !Scan.letter(text.charAt(lexer.start)) || literalFollows();
        int operands = 0;
        boolean literal = false;
        for (int d = 1; d <= count && d < RING - 1; d++) {
            int t = type(d);
            if (t == LOGIC || (keyword(d) == K_WHERE && symbol)) {
                return operands > 0 && (symbol || literal);
            }
            literal |= t != WORD;
            boolean operand = t == NUMBER || t == QUOTE || t == OPEN || t == CLOSE || t == VARIABLE
                    || t == SYSTEM_VARIABLE || t == DOT || (t == WORD && (keyword(d) == 0 || keyword(d) == K_LITERAL));
            if (!operand || ++operands > 5) {
                return false;
            }
        }
        return false;
    }

    /** After the current token: a quote, a number, a variable, a parenthesis or a function call. */
    private boolean literalFollows() {
        int i = Scan.skipBlanks(text, lexer.end);
        if (i >= text.length()) {
            return false;
        }
        char c = text.charAt(i);
        if (c == '\'' || c == '"' || c == '(' || c == '@' || SqlLexer.isDigit(c)) {
            return true;
        }
        int end = i;
        while (end < text.length() && SqlLexer.isWordChar(text.charAt(end))) {
            end++;
        }
        return end > i && end < text.length() && text.charAt(end) == '(';
    }

    /** {@code or 1 --}, {@code or true}, {@code or ''=}: logic, then a literal, then an operator or the end. */
    private boolean literalAfterLogic(int type) {
        boolean closes = type == END || type == OPERATOR || type == COMMENT || type == SEMICOLON || type == QUOTE
                || type == LOGIC;
        if (!closes || count < 2) {
            return false;
        }
        if (type(2) == LOGIC && (type(1) == NUMBER || keyword(1) == K_LITERAL)) {
            return true;
        }
        if (type == END && type(2) == LOGIC && type(1) == QUOTE) {
            return true;
        }
        return count >= 3 && type(3) == LOGIC && type(2) == QUOTE && type(1) == QUOTE && type != LOGIC;
    }

    /** The token just lexed equals the operand on the other side of the '=' before it. */
    private void tautology() {
        int d = 1;
        while (d <= count && d < RING - 2 && (type(d) == QUOTE || type(d) == OPEN)) {
            d++;
        }
        if (d > count || type(d) != COMPARE || charAt(d) != '=') {
            return;
        }
        d++;
        while (d <= count && d < RING - 1 && (type(d) == QUOTE || type(d) == CLOSE)) {
            d++;
        }
        if (d > count || d >= RING) {
            return;
        }
        int slot = slot(d);
        int length = lexer.end - lexer.start;
        if (ends[slot] - starts[slot] == length && text.regionMatches(starts[slot], text, lexer.start, length)) {
            once(1 << 16, 4);
        }
    }

    /** {@code drop table users;}, {@code create table t (…}: the name is followed by what ends or opens a statement. */
    private boolean statementEndsAfterName() {
        int i = Scan.skipBlanks(text, lexer.end);
        int nameEnd = i;
        while (nameEnd < text.length() && (SqlLexer.isWordChar(text.charAt(nameEnd)) || text.charAt(nameEnd) == '.')) {
            nameEnd++;
        }
        if (nameEnd == i) {
            return false;
        }
        int after = Scan.skipBlanks(text, nameEnd);
        return after >= text.length() || "(;-#/".indexOf(text.charAt(after)) >= 0;
    }

    private void once(int feature, int points) {
        if ((fired & feature) == 0) {
            fired |= feature;
            score += points;
        }
    }

    private void push(int type, int keyword) {
        objectAfterVerbIfAny(type);
        int slot = count % RING;
        types[slot] = type;
        keywords[slot] = keyword;
        starts[slot] = lexer.start;
        ends[slot] = lexer.end;
        count++;
    }

    private void objectAfterVerbIfAny(int type) {
        if (count > 0 && type != WORD) {
            objectAfterVerb(type);
        }
    }

    private int slot(int distance) {
        return (count - distance) % RING;
    }

    /** The type of the token {@code distance} back (1 = the previous one); END before the start. */
    private int type(int distance) {
        return distance <= count && distance <= RING ? types[slot(distance)] : END;
    }

    private int keyword(int distance) {
        return distance <= count && distance <= RING ? keywords[slot(distance)] : 0;
    }

    /** The first character of the token {@code distance} back; 0 is the current one. */
    private char charAt(int distance) {
        if (distance == 0) {
            return text.charAt(lexer.start);
        }
        return distance <= count && distance <= RING ? text.charAt(starts[slot(distance)]) : 0;
    }
}

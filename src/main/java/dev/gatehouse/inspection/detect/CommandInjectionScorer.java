package dev.gatehouse.inspection.detect;

/*
 * Scores OS command injection. A shell runs whatever follows a command separator, so the scorer
 * looks at each place a command can start: the beginning of the input and the character after
 * ';', '|', '||', '&', '&&', a line break, a backtick or "$(". There it reads a command word
 * (a leading path such as /usr/bin/ or c:/windows/system32/ is dropped, as is ".exe") and looks it
 * up in a vocabulary of the programs attacks use, in two classes:
 *
 *   strong: words prose does not use (whoami, ifconfig, uname, wget, nc, powershell, id, pwd …)
 *   weak:   words that are also English or common (cat, ls, type, echo, sleep, ping, net, perl …)
 *
 * and classifies what follows the word: nothing (end or another separator), a flag (-l), a path
 * (/etc, c:/, ~), a variable (%systemroot%, $home), a number, a quoted string, a URL, or prose.
 *
 *   separator + strong command, unless prose follows                        12
 *   separator + weak command with an argument of command shape             12
 *   input starting with a strong command and a command-shaped argument     10
 *   input starting with a weak command and an argument (+4 when every
 *   following word has command shape: "ls -l /", "sleep 5")                6 (+4)
 *   a quote then a strong command (' whoami)                                10
 *   ${IFS}, /dev/tcp/, shellshock "() { :;}", <?php, SSI <!--#exec          10–12
 *   code execution calls with a string argument: system('…'), exec("…"),
 *   passthru, shell_exec, popen, eval, phpinfo(), os.system, __import__     12
 *   template expressions that compute: {{7*7}}, {{ … __class__ … }}         10–12
 *
 * The word must end at a blank, a separator, a quote or the end: "curl/8.5" in a User-Agent and
 * "&id=5" in a URL are not commands. A Markdown table row ("| id | name |") is not a pipeline.
 */
final class CommandInjectionScorer {

    private static final int STRONG = Vocabulary.STRONG;
    private static final int WEAK = Vocabulary.WEAK;

    private static final Vocabulary COMMANDS;
    /** Strong commands that give themselves away even as the whole input. */
    private static final Vocabulary ALONE = Vocabulary.of(1, "whoami", "ifconfig", "ipconfig", "systeminfo", "sysinfo",
            "netstat", "uname", "phpinfo", "printenv");
    /** Commands that are complete without an argument after a separator (";ls", "|id"). */
    private static final Vocabulary BARE = Vocabulary.of(1, "ls", "dir", "pwd", "id", "env", "ps", "who",
            "uptime", "set", "w");
    private static final Vocabulary SUBCOMMANDS = Vocabulary.of(1, "user", "localgroup", "view", "share", "use",
            "start", "stop", "add", "query", "delete", "save", "firewall", "advfirewall", "interface", "wlan");
    private static final Vocabulary EXEC_CALLS = Vocabulary.of(1, "system", "exec", "passthru", "shell_exec", "popen",
            "proc_open", "pcntl_exec", "eval", "assert", "phpinfo", "phpversion", "execute", "spawn", "execsync");

    static {
        String[] strong = {"whoami", "ifconfig", "ipconfig", "netstat", "systeminfo", "sysinfo", "uname", "nslookup",
            "wget", "curl", "nc", "ncat", "netcat", "telnet", "certutil", "bitsadmin", "wmic", "tasklist", "taskkill",
            "powershell", "pwsh", "cmd", "bash", "sh", "zsh", "ksh", "csh", "id", "pwd", "hostname", "printenv", "chmod",
            "chown", "mkfifo", "xterm", "netsh", "nmap", "phpinfo", "useradd", "busybox", "socat", "tftp", "ipconfig.exe"};
        String[] weak = {"cat", "ls", "dir", "type", "echo", "sleep", "ping", "more", "head", "tail", "find", "grep",
            "kill", "ps", "net", "reg", "route", "which", "whereis", "env", "touch", "cp", "mv", "rm", "wc", "sed", "awk",
            "perl", "python", "python2", "python3", "ruby", "php", "node", "lua", "ftp", "ssh", "scp", "sudo", "su",
            "nohup", "exec", "eval", "start", "del", "copy", "arp", "traceroute", "tracert", "dig", "who", "w",
            "uptime", "crontab", "systemctl", "mail", "tar", "gcc", "set", "base64", "nohup.exe", "tftp.exe", "less",
            "timeout", "time", "expr", "xargs"};
        COMMANDS = Vocabulary.strongAndWeak(strong, weak);
    }

    // each group of markers is searched only when its cheap precondition holds
    private static final String[] DOLLAR_12 = {"${ifs}", "$ifs", "{${"};
    private static final String[] DOLLAR_10 = {"${@", "$_get[", "$_post[", "$_request[", "$_server[", "$_cookie["};
    private static final String[] MARKUP_12 = {"<!--#exec"};
    private static final String[] MARKUP_10 = {"<?php", "<?=", "<!--#include"};
    private static final String[] DUNDER_12 = {"__import__", "__globals__", "__builtins__", "__subclasses__",
        "subclasses __", "__class__"};
    private static final String[] CALLS_12 = {"/dev/tcp/", "/dev/udp/", "child_process", "runtime.getruntime",
        "os.system(", "os.popen(", "subprocess."};
    private static final String[] CALLS_10 = {"processbuilder"};
    /** Commands whose natural argument is a number (sleep 5, ping -c 3 host, kill 9). */
    private static final Vocabulary NUMERIC = Vocabulary.of(1, "sleep", "ping", "timeout", "kill", "nc", "ncat",
            "netcat", "telnet");

    private static final int END = 0;
    private static final int PROSE = 1;
    private static final int ARGUMENT = 2;
    private static final int STRONG_ARGUMENT = 3;

    private final String text;
    private final boolean table;
    private int score;

    private CommandInjectionScorer(String text) {
        this.text = text;
        this.table = markdownTableRow(text);
    }

    static int score(String text) {
        return new CommandInjectionScorer(text).run();
    }

    private int run() {
        markers();
        startOfInput();
        int length = text.length();
        for (int i = 0; i < length && score < 2 * Detector.THRESHOLD; i++) {
            char c = text.charAt(i);
            switch (c) {
                case ';', '\n', '`' -> afterSeparator(i + 1);
                case '|' -> {
                    if (!table) {
                        afterSeparator(i + 1 < length && text.charAt(i + 1) == '|' ? ++i + 1 : i + 1);
                    }
                }
                case '&' -> afterSeparator(i + 1 < length && text.charAt(i + 1) == '&' ? ++i + 1 : i + 1);
                case '$' -> {
                    if (i + 1 < length && text.charAt(i + 1) == '(') {
                        afterSeparator(i + 2);
                    }
                }
                case '\'', '"' -> afterQuote(i + 1);
                case '(' -> call(i);
                default -> {
                }
            }
        }
        template();
        return score;
    }

    private void markers() {
        boolean dollar = text.indexOf('$') >= 0;
        boolean markup = text.indexOf("<!") >= 0 || text.indexOf("<?") >= 0;
        boolean dunder = text.indexOf("__") >= 0;
        boolean calls = text.indexOf("/dev/") >= 0 || text.indexOf("process") >= 0 || text.indexOf("os.") >= 0
                || text.indexOf("runtime.") >= 0;
        if ((dollar && any(DOLLAR_12)) || (markup && any(MARKUP_12)) || (dunder && any(DUNDER_12))
                || (calls && any(CALLS_12))) {
            score += 12;
        } else if ((dollar && any(DOLLAR_10)) || (markup && any(MARKUP_10)) || (calls && any(CALLS_10))) {
            score += 10;
        }
        int shellshock = text.indexOf("() {");
        if (shellshock >= 0 && text.indexOf(":;", shellshock) > 0) {
            score += 12;
        }
    }

    private void startOfInput() {
        int[] word = commandAt(0);
        if (word == null) {
            return;
        }
        int kind = COMMANDS.tag(text, word[0], word[1]);
        int argument = argument(word[0], word[1]);
        if (kind == STRONG) {
            boolean binary = word[2] == 1 && argument != PROSE;
            if (binary || argument >= ARGUMENT || (argument == END && ALONE.contains(text, word[0], word[1]))) {
                score += 10;
            } else if (argument != PROSE || word[2] == 1) {
                score += 4;
            }
        } else if (kind == WEAK && argument >= ARGUMENT) {
            score += 6;
            if (argument == STRONG_ARGUMENT || commandShapedRest(word[1])) {
                score += 4;
            }
        }
    }

    private void afterSeparator(int from) {
        int[] word = commandAt(from);
        if (word == null) {
            return;
        }
        int kind = COMMANDS.tag(text, word[0], word[1]);
        int argument = argument(word[0], word[1]);
        if (kind == STRONG) {
            boolean english = text.startsWith("id", word[0]) || text.startsWith("sh", word[0]) || text.startsWith("cmd", word[0]);
            score += argument == PROSE && english ? 4 : 12;
        } else if (kind == WEAK) {
            score += argument >= ARGUMENT || (argument == END && BARE.contains(text, word[0], word[1])) ? 12 : 3;
        }
    }

    private void afterQuote(int from) {
        int start = Scan.skipBlanks(text, from);
        if (start == from && !(from < text.length() && text.charAt(from) == '/')) {
            return;
        }
        int[] word = commandAt(from);
        if (word != null && COMMANDS.tag(text, word[0], word[1]) == STRONG && argument(word[0], word[1]) != PROSE) {
            score += 10;
        }
    }

    /**
     * The command word at {@code from} (after blanks, a brace and a directory prefix) as
     * {start, end, hadPath}, or null when what is there cannot be a command.
     */
    private int @org.jspecify.annotations.Nullable [] commandAt(int from) {
        int i = Scan.skipBlanks(text, from);
        if (i < text.length() && text.charAt(i) == '{') {
            i++;
        }
        int tokenEnd = i;
        while (tokenEnd < text.length() && (Scan.alnum(text.charAt(tokenEnd)) || text.charAt(tokenEnd) == '.'
                || text.charAt(tokenEnd) == '_' || text.charAt(tokenEnd) == '-' || text.charAt(tokenEnd) == '/'
                || text.charAt(tokenEnd) == ':')) {
            tokenEnd++;
        }
        if (tokenEnd == i) {
            return null;
        }
        int slash = text.lastIndexOf('/', tokenEnd - 1);
        int start = i;
        int hadPath = 0;
        if (slash >= i) {
            boolean rooted = text.charAt(i) == '/' || (tokenEnd - i > 2 && text.charAt(i + 1) == ':');
            if (!rooted || slash == tokenEnd - 1) {
                return null;
            }
            start = slash + 1;
            hadPath = 1;
        }
        int end = tokenEnd;
        if (end - start > 4 && text.startsWith(".exe", end - 4)) {
            end -= 4;
        }
        if (!boundary(tokenEnd) || end == start || text.indexOf(':', start) >= start && text.indexOf(':', start) < end) {
            return null;
        }
        return new int[] {start, end, hadPath};
    }

    private boolean boundary(int at) {
        if (at >= text.length()) {
            return true;
        }
        char c = text.charAt(at);
        return c == ' ' || c == '\n' || c == ';' || c == '|' || c == '&' || c == '`' || c == ')' || c == '\''
                || c == '"' || c == '>' || c == '}' || c == ',';
    }

    /** What follows a command word: END, PROSE, ARGUMENT or STRONG_ARGUMENT. */
    private int argument(int wordStart, int wordEnd) {
        int i = Scan.skipBlanks(text, wordEnd);
        if (i >= text.length()) {
            return END;
        }
        char c = text.charAt(i);
        if (c == ';' || c == '|' || c == '&' || c == '`' || c == ')' || c == '}' || (c == '\n')) {
            return END;
        }
        if (c == '\'' || c == '"') {
            // a quote touching the word closes it (`perl', "id"); one after a blank opens an argument
            return i == wordEnd || i + 1 >= text.length() || text.charAt(i + 1) == c ? END : ARGUMENT;
        }
        if (c >= '0' && c <= '9') {
            return NUMERIC.contains(text, wordStart, wordEnd) ? ARGUMENT : PROSE;
        }
        if (c == '-' && i + 1 < text.length() && Scan.alnum(text.charAt(i + 1))) {
            boolean exec = (text.startsWith("-e ", i) || text.startsWith("-c ", i)) && !text.startsWith("type", wordStart);
            return exec ? STRONG_ARGUMENT : ARGUMENT;
        }
        if (c == '/' || c == '~' || c == '%' || c == '$' || c == '*' || c == '>' || c == ','
                || (i + 2 < text.length() && Scan.letter(c) && text.charAt(i + 1) == ':' && text.charAt(i + 2) == '/')) {
            return ARGUMENT;
        }
        if (text.startsWith("http:", i) || text.startsWith("https:", i) || text.startsWith("ftp:", i)) {
            return ARGUMENT;
        }
        int end = Scan.wordEnd(text, i);
        boolean subcommand = (text.startsWith("net", wordStart) || text.startsWith("reg", wordStart))
                && SUBCOMMANDS.contains(text, i, end);
        if (subcommand) {
            return STRONG_ARGUMENT;
        }
        if ((text.startsWith("which", wordStart) || text.startsWith("whereis", wordStart)) && end == text.length()
                && COMMANDS.contains(text, i, end)) {
            return STRONG_ARGUMENT;
        }
        return PROSE;
    }

    /** Every blank-separated word after {@code from} looks like an argument, not prose. */
    private boolean commandShapedRest(int from) {
        int i = Scan.skipBlanks(text, from);
        boolean any = false;
        while (i < text.length()) {
            int end = i;
            while (end < text.length() && !Scan.blank(text.charAt(end))) {
                end++;
            }
            char c = text.charAt(i);
            boolean shaped = c == '-' || c == '/' || c == '~' || c == '.' || c == '%' || c == '$' || c == '\''
                    || c == '"' || c == '>' || c == '|' || c == '&' || c == ';' || c == '*' || (c >= '0' && c <= '9')
                    || text.startsWith("http", i) || (end - i > 2 && text.charAt(i + 1) == ':');
            if (!shaped) {
                return false;
            }
            any = true;
            i = Scan.skipBlanks(text, end);
        }
        return any;
    }

    /** A code-execution call such as {@code system('id')}: the name before '(' and a string argument. */
    private void call(int paren) {
        int start = paren;
        while (start > 0 && (Scan.alnum(text.charAt(start - 1)) || text.charAt(start - 1) == '_')) {
            start--;
        }
        if (start == paren || !EXEC_CALLS.contains(text, start, paren)) {
            return;
        }
        int arg = Scan.skipBlanks(text, paren + 1);
        char first = arg < text.length() ? text.charAt(arg) : 0;
        boolean info = text.startsWith("phpinfo", start) || text.startsWith("phpversion", start);
        if (first == '\'' || first == '"' || first == '`' || first == '$' || first == '@' || (info && first == ')')) {
            score += 12;
        }
    }

    /** {@code {{7*7}}}: a template expression that computes. */
    private void template() {
        int open = text.indexOf("{{");
        while (open >= 0) {
            int close = text.indexOf("}}", open);
            if (close < 0) {
                return;
            }
            int i = Scan.skipBlanks(text, open + 2);
            int digits = i;
            while (digits < close && Character.isDigit(text.charAt(digits))) {
                digits++;
            }
            int op = Scan.skipBlanks(text, digits);
            if (digits > i && op < close && "+-*/".indexOf(text.charAt(op)) >= 0
                    && Character.isDigit(text.charAt(Scan.skipBlanks(text, op + 1)))) {
                score += 10;
                return;
            }
            open = text.indexOf("{{", close);
        }
    }

    private boolean any(String[] markers) {
        for (String marker : markers) {
            if (text.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    /** "| a | b |": starts and ends with a pipe (text is normalised: no outer blanks), three or more. */
    private static boolean markdownTableRow(String text) {
        int last = text.length() - 1;
        while (last > 0 && Scan.blank(text.charAt(last))) {
            last--;
        }
        if (last < 2 || text.charAt(0) != '|' || text.charAt(last) != '|') {
            return false;
        }
        int pipes = 0;
        for (int i = 0; i <= last; i++) {
            if (text.charAt(i) == '|') {
                pipes++;
            }
        }
        return pipes >= 3 && !text.contains("||");
    }
}

package dev.gatehouse.inspection.detect;

/*
 * Scores cross-site scripting with a small HTML tag tokenizer plus a few scans for script in
 * places that are not tags. Markup in ordinary input is common ("<3", "<= 2.0", "<X11/Xlib.h>",
 * "<user@example.org>", "<br>"), so a tag on its own scores little; what scores is a tag that can
 * run script, or any tag carrying something that runs script:
 *
 *   <script, <iframe, <object, <embed, <applet, <meta, <base, <frame…        10 (</script 6)
 *   <svg, <math, <style, <link, <form, <template … (script-capable hosts)     6
 *   a known HTML element at all                                              3
 *   an event handler attribute inside a tag (onerror=, onload=, …)           12
 *   an event handler outside a tag, after a blank, quote or '/'              6 (+4 after a quote)
 *   javascript:/vbscript: URL (letters may be split by blanks), data:text/html 12
 *   CSS expression(, -moz-binding, behavior:, @import                        6–10
 *   srcdoc=, formaction=, http-equiv=refresh                                 8–10
 *   script sinks: alert(, prompt(, confirm(, eval(, document.cookie …        6–10
 *   template gadgets: {{ … constructor … }}                                  12
 *   <!doctype/<!entity with SYSTEM (XML external entities)                   10
 *
 * Text arrives normalised: entities and percent escapes are decoded, case is folded.
 */
final class CrossSiteScriptingScorer {

    private static final int SCRIPTING = 10;
    private static final int HOST = 6;
    private static final int ELEMENT = 3;

    private static final Vocabulary TAGS;

    static {
        String[] scripting = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "meta", "base",
            "layer", "ilayer", "bgsound", "xss", "import", "handler", "listener", "xml", "eval"};
        String[] host = {"svg", "math", "style", "link", "form", "template", "isindex", "animate", "set", "marquee",
            "xmp", "plaintext", "noscript", "foreignobject", "image", "body", "html", "title", "textarea", "video",
            "audio", "source", "details", "keygen", "portal"};
        String[] element = {"a", "abbr", "address", "area", "article", "aside", "b", "bdo", "blink", "blockquote", "br",
            "button", "canvas", "caption", "center", "cite", "code", "col", "dd", "del", "dialog", "dfn", "div", "dl",
            "dt", "em", "fieldset", "figure", "font", "footer", "h1", "h2", "h3", "head", "header", "hr", "i", "img",
            "input", "ins", "kbd", "label", "legend", "li", "main", "map", "mark", "menu", "meter", "nav", "ol",
            "optgroup", "option", "output", "p", "param", "picture", "pre", "progress", "q", "rt", "ruby", "s", "samp",
            "section", "select", "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td",
            "tfoot", "th", "thead", "time", "tr", "track", "tt", "u", "ul", "var", "wbr", "circle", "rect", "path",
            "use", "animatetransform", "animatemotion", "feimage", "tspan", "textpath"};
        String[] words = new String[scripting.length + host.length + element.length];
        int[] tags = new int[words.length];
        int n = 0;
        for (String tag : scripting) {
            words[n] = tag;
            tags[n++] = SCRIPTING;
        }
        for (String tag : host) {
            words[n] = tag;
            tags[n++] = HOST;
        }
        for (String tag : element) {
            words[n] = tag;
            tags[n++] = ELEMENT;
        }
        TAGS = Vocabulary.tagged(words, tags);
    }

    private static final String[] SCHEMES = {"javascript:", "vbscript:", "livescript:", "mocha:"};
    private static final String[] DATA_TYPES = {"text/html", "image/svg", "text/xml", "application/xhtml",
        "application/x-", "text/javascript"};
    private static final Vocabulary SINKS = Vocabulary.of(1, "alert", "prompt", "confirm", "eval", "settimeout",
            "setinterval", "fromcharcode", "execscript");

    private final String text;
    private int score;
    private int fired;

    private CrossSiteScriptingScorer(String text) {
        this.text = text;
    }

    static int score(String text) {
        return new CrossSiteScriptingScorer(text).run();
    }

    private int run() {
        if (!markupOrScriptCharacters()) {
            return 0;
        }
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> tag(i);
                case 'o' -> handlerOutsideTag(i);
                case 'j', 'v', 'l', 'm' -> scheme(i);
                case 'd' -> data(i);
                case '(' -> sink(i);
                case '`' -> sink(i);
                case '{' -> template(i);
                case '[' -> globalLookup(i);
                default -> {
                }
            }
            if (score >= 2 * Detector.THRESHOLD) {
                return score;
            }
        }
        css();
        return score;
    }

    /** Every rule needs one of these: without them the text cannot hold a tag, a URL scheme or a call. */
    private boolean markupOrScriptCharacters() {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '<' || c == '(' || c == '`' || c == '=' || c == ':' || c == '{' || c == '[' || c == '@') {
                return true;
            }
        }
        return false;
    }

    private void tag(int lt) {
        int i = lt + 1;
        boolean closing = i < text.length() && text.charAt(i) == '/';
        if (closing) {
            i++;
        }
        if (i < text.length() && text.charAt(i) == '!') {
            declaration(i + 1);
            return;
        }
        int nameStart = i;
        while (i < text.length() && (Scan.alnum(text.charAt(i)) || text.charAt(i) == '-' || text.charAt(i) == ':')) {
            i++;
        }
        if (i == nameStart || !Scan.letter(text.charAt(nameStart)) || text.charAt(i - 1) == ':') {
            return;
        }
        char after = i < text.length() ? text.charAt(i) : ' ';
        if (!(after == ' ' || after == '\n' || after == '/' || after == '>' || after == '"' || after == '\'')) {
            return;
        }
        int kind = TAGS.tag(text, nameStart, i);
        if (kind == SCRIPTING) {
            once(1, closing ? 6 : 10);
        } else if (kind == HOST) {
            once(1 << 1, 6);
        } else if (kind == ELEMENT) {
            once(1 << 2, 3);
        }
        if (!closing) {
            attributes(i);
        }
    }

    /** Attributes up to the closing '>' of a tag (or the end): handlers and script-running values. */
    private void attributes(int from) {
        int i = from;
        int length = text.length();
        while (i < length && text.charAt(i) != '>' && text.charAt(i) != '<') {
            char c = text.charAt(i);
            if (!Scan.letter(c)) {
                i++;
                continue;
            }
            int nameEnd = i;
            while (nameEnd < length && (Scan.alnum(text.charAt(nameEnd)) || text.charAt(nameEnd) == '-'
                    || text.charAt(nameEnd) == ':' || text.charAt(nameEnd) == '_')) {
                nameEnd++;
            }
            boolean precededBySeparator = i == from || !Scan.alnum(text.charAt(i - 1));
            if (precededBySeparator && isHandler(i, nameEnd)) {
                once(1 << 3, 12);
            } else if (precededBySeparator && (text.startsWith("srcdoc", i) || text.startsWith("formaction", i))) {
                once(1 << 4, 8);
            } else if (precededBySeparator && text.startsWith("http-equiv", i) && text.indexOf("refresh", i) > 0) {
                once(1 << 5, 10);
            } else if (precededBySeparator && text.startsWith("attributename", i)
                    && text.startsWith("on", valueStart(nameEnd))) {
                once(1 << 6, 10);
            }
            i = nameEnd;
        }
    }

    private int valueStart(int nameEnd) {
        int i = Scan.skipBlanks(text, nameEnd);
        if (i < text.length() && text.charAt(i) == '=') {
            i = Scan.skipBlanks(text, i + 1);
        }
        while (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
            i++;
        }
        return i;
    }

    /** {@code on} + at least three letters, then '=' (blanks allowed before it). */
    private boolean isHandler(int start, int nameEnd) {
        if (nameEnd - start < 5 || text.charAt(start) != 'o' || text.charAt(start + 1) != 'n') {
            return false;
        }
        for (int k = start + 2; k < nameEnd; k++) {
            if (!Scan.letter(text.charAt(k))) {
                return false;
            }
        }
        int eq = Scan.skipBlanks(text, nameEnd);
        return eq < text.length() && text.charAt(eq) == '=';
    }

    /** A handler attribute injected into an existing tag: {@code " onfocus=alert(1) x="}. */
    private void handlerOutsideTag(int at) {
        if (at > 0) {
            char before = text.charAt(at - 1);
            if (!(before == ' ' || before == '"' || before == '\'' || before == '/' || before == '\n' || before == ';')) {
                return;
            }
        }
        int nameEnd = Scan.wordEnd(text, at);
        if (!isHandler(at, nameEnd)) {
            return;
        }
        int back = at - 1;
        while (back >= 0 && Scan.blank(text.charAt(back))) {
            back--;
        }
        boolean afterQuote = back >= 0 && (text.charAt(back) == '"' || text.charAt(back) == '\'');
        once(1 << 7, afterQuote ? 10 : 6);
    }

    private void scheme(int at) {
        if (at > 0 && Scan.letter(text.charAt(at - 1))) {
            return;
        }
        for (String scheme : SCHEMES) {
            int end = Scan.matchSpread(text, at, scheme);
            if (end > 0 && end < text.length() && !Scan.blank(text.charAt(end))) {
                once(1 << 8, scheme.length() > 7 ? 12 : 10);
                return;
            }
        }
    }

    private void data(int at) {
        if (!text.startsWith("data:", at) || (at > 0 && Scan.letter(text.charAt(at - 1)))) {
            return;
        }
        int i = Scan.skipBlanks(text, at + 5);
        for (String type : DATA_TYPES) {
            if (text.startsWith(type, i)) {
                once(1 << 9, 10);
                return;
            }
        }
        if (text.startsWith(",", i) && text.indexOf('<', i) > 0) {
            once(1 << 9, 8);
        }
    }

    /** A call of a script sink: the name before '(' (or a template-literal backtick). */
    private void sink(int paren) {
        int nameEnd = paren;
        while (nameEnd > 0 && Scan.blank(text.charAt(nameEnd - 1))) {
            nameEnd--;
        }
        if (nameEnd > 0 && text.charAt(nameEnd - 1) == ')' && text.charAt(paren) == '(') {
            // (alert)(1)
            int open = text.lastIndexOf('(', nameEnd - 1);
            if (open >= 0 && SINKS.contains(text, open + 1, nameEnd - 1)) {
                once(1 << 10, 10);
            }
            return;
        }
        int nameStart = nameEnd;
        while (nameStart > 0 && Scan.alnum(text.charAt(nameStart - 1))) {
            nameStart--;
        }
        boolean dotted = nameStart > 0 && text.charAt(nameStart - 1) == '.';
        if (dotted && (text.startsWith("write(", nameStart) || text.startsWith("writeln(", nameStart))) {
            once(1 << 12, 10);
            return;
        }
        if (nameStart == nameEnd || !SINKS.contains(text, nameStart, nameEnd)) {
            if (text.startsWith("document.cookie", Math.max(0, paren - 15)) || text.startsWith("constructor", Math.max(0, nameStart))
                    && nameEnd - nameStart == 11) {
                once(1 << 11, 8);
            }
            return;
        }
        int arg = Scan.skipBlanks(text, paren + 1);
        char first = arg < text.length() ? text.charAt(arg) : 0;
        boolean scriptArgument = (first >= '0' && first <= '9') || first == '\'' || first == '"' || first == '`'
                || first == '/' || first == ')' || text.startsWith("document", arg) || text.startsWith("window", arg)
                || text.startsWith("string.", arg) || text.startsWith("this", arg) || text.startsWith("top", arg)
                || text.startsWith("location", arg) || text.startsWith("url", arg) || text.startsWith("name", arg);
        once(1 << 12, scriptArgument || dotted ? 10 : 6);
    }

    /** {@code top["al"+"ert"](1)}: a global looked up by a computed name, to dodge word filters. */
    private void globalLookup(int bracket) {
        int start = bracket;
        while (start > 0 && Scan.letter(text.charAt(start - 1))) {
            start--;
        }
        boolean global = text.startsWith("top[", start) || text.startsWith("self[", start)
                || text.startsWith("window[", start) || text.startsWith("parent[", start)
                || text.startsWith("frames[", start) || text.startsWith("globalthis[", start);
        char first = bracket + 1 < text.length() ? text.charAt(bracket + 1) : 0;
        if (global && (start == 0 || !Scan.alnum(text.charAt(start - 1)))
                && (first == '\'' || first == '"' || first == '/' || first == '`' || Character.isDigit(first))) {
            once(1 << 15, 10);
        }
    }

    private void template(int brace) {
        if (!text.startsWith("{{", brace)) {
            return;
        }
        int close = text.indexOf("}}", brace);
        int end = close < 0 ? text.length() : close;
        int constructor = text.indexOf("constructor", brace);
        if (constructor > 0 && constructor < end) {
            once(1 << 13, 12);
        }
    }

    private void declaration(int from) {
        if ((text.startsWith("entity", from) || text.startsWith("doctype", from))
                && (text.indexOf(" system", from) > 0 || text.indexOf("<!entity", from) > 0)) {
            once(1 << 14, 10);
        }
    }

    private void css() {
        if (text.contains("expression(")) {
            score += 10;
        } else if (text.contains("-moz-binding") || text.contains("behavior:") || text.contains("behavior :")) {
            score += 8;
        }
        if (text.contains("@import")) {
            score += 6;
        }
        if (text.contains("document.cookie") || text.contains("document.domain")) {
            score += 8;
        }
    }

    private void once(int feature, int points) {
        if ((fired & feature) == 0) {
            fired |= feature;
            score += points;
        }
    }
}

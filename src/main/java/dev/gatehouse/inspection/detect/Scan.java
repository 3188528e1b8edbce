package dev.gatehouse.inspection.detect;

/** Small character tests and searches the scorers share. All work on normalised (lower-case) text. */
final class Scan {

    private Scan() {
    }

    static boolean letter(char c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean alnum(char c) {
        return letter(c) || (c >= '0' && c <= '9');
    }

    static boolean blank(char c) {
        return c == ' ' || c == '\n';
    }

    static int skipBlanks(String text, int from) {
        int i = from;
        while (i < text.length() && blank(text.charAt(i))) {
            i++;
        }
        return i;
    }

    static int wordEnd(String text, int from) {
        int i = from;
        while (i < text.length() && alnum(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /**
     * Whether {@code word} occurs at {@code from}, letting blanks sit between its letters (a browser
     * drops tabs and line breaks inside a URL scheme: "jav&#x09;ascript:"). Returns the index after
     * the match, or -1.
     */
    static int matchSpread(String text, int from, String word) {
        int i = from;
        for (int k = 0; k < word.length(); k++) {
            if (k > 0) {
                i = skipBlanks(text, i);
            }
            if (i >= text.length() || text.charAt(i) != word.charAt(k)) {
                return -1;
            }
            i++;
        }
        return i;
    }

    /** Whether {@code word} occurs in {@code text} with no letter or digit right before it. */
    static boolean containsWord(String text, String word) {
        int at = text.indexOf(word);
        while (at >= 0) {
            if (at == 0 || !alnum(text.charAt(at - 1))) {
                return true;
            }
            at = text.indexOf(word, at + 1);
        }
        return false;
    }
}

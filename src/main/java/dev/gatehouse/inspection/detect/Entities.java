package dev.gatehouse.inspection.detect;

/*
 * HTML character references, as a browser would read them in an attribute: decimal (&#60, any
 * number of leading zeros), hex (&#x3c) and the named ones that matter for markup and scripts,
 * each with or without the closing ';' (browsers accept many without). Case is ignored in names,
 * so &Tab; and &NewLine; work too. Anything else after '&' is left alone.
 */
final class Entities {

    private static final String[] NAMES = {
        "lt", "gt", "amp", "quot", "apos", "sol", "bsol", "colon", "semi", "lpar", "rpar", "tab", "newline",
        "nbsp", "period", "comma", "equals", "excl", "num", "percnt", "plus", "lsqb", "rsqb", "lbrack", "rbrack",
        "lcub", "rcub", "lbrace", "rbrace", "grave", "hat", "ast", "quest", "dollar", "verbar", "vert", "commat",
        "lowbar", "dash", "hyphen",
    };
    private static final String CHARS = "<>&\"'/\\:;()\t\n\u00a0.,=!#%+[][]{}{}`^*?$||@_--";
    private static final Vocabulary BY_NAME;

    static {
        int[] tags = new int[NAMES.length];
        for (int i = 0; i < NAMES.length; i++) {
            tags[i] = CHARS.charAt(i) + 1;
        }
        BY_NAME = Vocabulary.tagged(NAMES, tags);
    }

    private Entities() {
    }

    static String decode(String text) {
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, amp);
        int length = text.length();
        int i = amp;
        while (i < length) {
            char c = text.charAt(i);
            if (c != '&' || i + 1 >= length) {
                out.append(c);
                i++;
                continue;
            }
            int end = text.charAt(i + 1) == '#' ? numeric(text, i, out) : named(text, i, out);
            if (end < 0) {
                out.append(c);
                i++;
            } else {
                i = end < length && text.charAt(end) == ';' ? end + 1 : end;
            }
        }
        return out.toString();
    }

    /** Appends the character of {@code &#…} at {@code amp} and returns where its digits end, or -1. */
    private static int numeric(String text, int amp, StringBuilder out) {
        int i = amp + 2;
        int radix = 10;
        if (i < text.length() && (text.charAt(i) == 'x' || text.charAt(i) == 'X')) {
            radix = 16;
            i++;
        }
        int start = i;
        long value = 0;
        while (i < text.length() && Character.digit(text.charAt(i), radix) >= 0 && i - start < 12) {
            value = value * radix + Character.digit(text.charAt(i), radix);
            i++;
        }
        if (i == start || value > Character.MAX_CODE_POINT) {
            return -1;
        }
        out.appendCodePoint((int) value);
        return i;
    }

    private static int named(String text, int amp, StringBuilder out) {
        int start = amp + 1;
        int i = start;
        while (i < text.length() && i - start < 8 && Character.isLetter(text.charAt(i))) {
            i++;
        }
        // the longest name that is known wins, so "&ltscript" reads as "<script"
        for (int end = i; end > start + 1; end--) {
            int tag = lowerTag(text, start, end);
            if (tag != 0) {
                out.append((char) (tag - 1));
                return end;
            }
        }
        return -1;
    }

    private static int lowerTag(String text, int start, int end) {
        for (int k = start; k < end; k++) {
            if (Character.isUpperCase(text.charAt(k))) {
                String lower = text.substring(start, end).toLowerCase(java.util.Locale.ROOT);
                return BY_NAME.tag(lower, 0, lower.length());
            }
        }
        return BY_NAME.tag(text, start, end);
    }
}

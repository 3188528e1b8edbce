package dev.gatehouse.inspection.detect;

/*
 * Undoes the encodings attackers wrap payloads in, so that the scorers see one canonical form.
 *
 * Decoding runs in rounds, at most MAX_ROUNDS, stopping as soon as a round changes nothing: each
 * round percent-decodes (%XX runs are decoded as UTF-8 that tolerates overlong forms, so %c0%ae
 * and %e0%80%ae are '.', plus %uXXXX), then decodes HTML character references (named, decimal and
 * hex, with or without the ';') and script escapes (\x27, \u0027), then applies NFKC if anything is outside ASCII (fullwidth '．'
 * becomes '.'). Double encoding (%252e) takes two rounds. A malformed escape is kept as sent.
 *
 * A final pass folds case, turns '\' into '/', drops NUL (remembering it) and other control and
 * zero-width characters, replaces the empty SQL comment and collapses whitespace: runs of blanks
 * become one space, a run containing a line break becomes one '\n' (the break matters to a shell).
 *
 * Everything is one linear pass per round over a StringBuilder; an input with no '%', '&', '\'
 * and nothing outside ASCII skips the rounds entirely.
 */
public final class Normalizer {

    static final int MAX_ROUNDS = 3;

    private Normalizer() {
    }

    public static Normalized normalize(String input) {
        if (canonical(input)) {
            return new Normalized(input, -1);
        }
        String text = input;
        for (int round = 0; round < MAX_ROUNDS && needsDecoding(text); round++) {
            String decoded = decodeRound(text);
            if (decoded.equals(text)) {
                break;
            }
            text = decoded;
        }
        return fold(text);
    }

    /**
     * Percent-decoding as a transport does it, but lenient: overlong UTF-8 is decoded, invalid
     * bytes become the Latin-1 character of the same value, malformed escapes are kept.
     */
    public static String percentDecode(String text, boolean plusIsSpace) {
        if (text.indexOf('%') < 0 && !(plusIsSpace && text.indexOf('+') >= 0)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        byte[] run = null;
        int length = text.length();
        int i = 0;
        while (i < length) {
            char c = text.charAt(i);
            if (c == '%' && i + 5 < length && (text.charAt(i + 1) == 'u' || text.charAt(i + 1) == 'U')
                    && hex(text, i + 2, 4) >= 0) {
                out.append((char) hex(text, i + 2, 4));
                i += 6;
            } else if (c == '%' && i + 2 < length && hex(text, i + 1, 2) >= 0) {
                if (run == null) {
                    run = new byte[length / 3 + 1];
                }
                int n = 0;
                while (i + 2 < length && text.charAt(i) == '%' && hex(text, i + 1, 2) >= 0) {
                    run[n++] = (byte) hex(text, i + 1, 2);
                    i += 3;
                }
                decodeUtf8(run, n, out);
            } else if (c == '+' && plusIsSpace) {
                out.append(' ');
                i++;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** Already what {@link #fold} would make of it, with nothing to decode: most names and values. */
    private static boolean canonical(String text) {
        int length = text.length();
        if (length == 0 || text.charAt(0) == ' ' || text.charAt(length - 1) == ' ') {
            return false;
        }
        char previous = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c >= 0x7F || (c >= 'A' && c <= 'Z') || c == '%' || c == '&' || c == '\\' || c == '*'
                    || (c == ' ' && previous == ' ')) {
                return false;
            }
            previous = c;
        }
        return true;
    }

    private static boolean needsDecoding(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' || c == '&' || c == '\\' || c >= 0x80) {
                return true;
            }
        }
        return false;
    }

    private static String decodeRound(String text) {
        String decoded = scriptEscapes(Entities.decode(percentDecode(text, false)));
        for (int i = 0; i < decoded.length(); i++) {
            if (decoded.charAt(i) >= 0x80) {
                return java.text.Normalizer.normalize(decoded, java.text.Normalizer.Form.NFKC);
            }
        }
        return decoded;
    }

    /** JavaScript and CSS-style escapes of single characters: {@code \x27}, {@code \u0027}. */
    private static String scriptEscapes(String text) {
        int backslash = text.indexOf('\\');
        if (backslash < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        out.append(text, 0, backslash);
        int i = backslash;
        while (i < text.length()) {
            char c = text.charAt(i);
            char kind = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (c == '\\' && kind == 'x' && hex(text, i + 2, 2) >= 0) {
                out.append((char) hex(text, i + 2, 2));
                i += 4;
            } else if (c == '\\' && kind == 'u' && hex(text, i + 2, 4) >= 0) {
                out.append((char) hex(text, i + 2, 4));
                i += 6;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    /** UTF-8 that accepts overlong forms (the point of them is to slip past strict decoders). */
    private static void decodeUtf8(byte[] bytes, int length, StringBuilder out) {
        int i = 0;
        while (i < length) {
            int b = bytes[i] & 0xFF;
            int continuation = b >= 0xF0 && b <= 0xF7 ? 3 : b >= 0xE0 ? (b <= 0xEF ? 2 : 0) : b >= 0xC0 ? 1 : 0;
            if (continuation > 0 && continuationBytes(bytes, i + 1, continuation, length)) {
                int codePoint = b & (0x3F >> continuation);
                for (int k = 1; k <= continuation; k++) {
                    codePoint = (codePoint << 6) | (bytes[i + k] & 0x3F);
                }
                out.appendCodePoint(codePoint <= Character.MAX_CODE_POINT ? codePoint : 0xFFFD);
                i += continuation + 1;
            } else {
                out.append((char) b);
                i++;
            }
        }
    }

    private static boolean continuationBytes(byte[] bytes, int from, int count, int length) {
        if (from + count > length) {
            return false;
        }
        for (int k = from; k < from + count; k++) {
            if ((bytes[k] & 0xC0) != 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code digits} hex digits at {@code from}, or -1. */
    static int hex(String text, int from, int digits) {
        if (from + digits > text.length()) {
            return -1;
        }
        int value = 0;
        for (int i = from; i < from + digits; i++) {
            int d = Character.digit(text.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            value = value * 16 + d;
        }
        return value;
    }

    private static Normalized fold(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int nulAt = -1;
        boolean pendingSpace = false;
        boolean pendingBreak = false;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                if (nulAt < 0) {
                    nulAt = out.length();
                }
                continue;
            }
            if (c == '\n') {
                pendingBreak = true;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0B || c == 0xA0 || c == 0x3000
                    || (c >= 0x2000 && c <= 0x200A)) {
                pendingSpace = true;
                continue;
            }
            if (c < 0x20 || c == 0x7F || (c >= 0x200B && c <= 0x200D) || c == 0xFEFF) {
                continue;
            }
            if (c == '/' && i + 3 < length && text.charAt(i + 1) == '*' && text.charAt(i + 2) == '*'
                    && text.charAt(i + 3) == '/') {
                pendingSpace = true;
                i += 3;
                continue;
            }
            if (pendingBreak || pendingSpace) {
                if (pendingBreak || out.length() > 0) {
                    out.append(pendingBreak ? '\n' : ' ');
                }
                pendingBreak = false;
                pendingSpace = false;
            }
            if (c == '\\' || c == 0x2215 || c == 0x2216 || c == 0x2044 || c == 0x29F5) {
                // backslash, and the slash look-alikes NFKC leaves alone (division slash, set minus …)
                out.append('/');
            } else if (c >= 'A' && c <= 'Z') {
                out.append((char) (c + 32));
            } else if (c < 0x80) {
                out.append(c);
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        if (pendingBreak) {
            out.append('\n');
        }
        return new Normalized(out.toString(), nulAt);
    }
}

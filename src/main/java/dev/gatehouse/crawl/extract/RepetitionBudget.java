package dev.gatehouse.crawl.extract;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How large a regular expression becomes once its counted repetitions are written out, read from its text
 * without compiling it. RE2 compiles {@code x{1,1000}} to a thousand copies of {@code x}, so nesting multiplies:
 * {@code ((a{1,1000}){1,1000}){1,1000}} is ten characters of repetition but a billion instructions, which would
 * exhaust memory while compiling a client's pattern. Go's regexp refuses nested repetition over 1,000 for the
 * same reason; this estimate lets {@link UrlPatterns} refuse such a pattern before RE2J sees it.
 *
 * <p>The estimate counts each atom (a character, an escape, a class) as one, a group as the sum of its contents
 * (alternatives included), and multiplies an atom or group by the upper bound of a following {@code {m,n}}
 * ({@code m + 1} for {@code {m,}}). It may overcount (a flag group {@code (?i)} counts two) but never undercounts
 * a repetition. Sums saturate, so no input overflows.
 */
final class RepetitionBudget {

    private static final long SATURATED = Long.MAX_VALUE / 4;

    private RepetitionBudget() {
    }

    static long expandedSize(String regex) {
        Deque<long[]> groups = new ArrayDeque<>(); // each: {size so far, size of the last atom}
        long[] current = {0, 0};
        int i = 0;
        while (i < regex.length()) {
            char c = regex.charAt(i);
            switch (c) {
                case '\\' -> {
                    i = skipEscape(regex, i);
                    atom(current, 1);
                }
                case '[' -> {
                    i = skipClass(regex, i);
                    atom(current, 1);
                }
                case '(' -> {
                    groups.push(current);
                    current = new long[] {0, 0};
                    i++;
                }
                case ')' -> {
                    long group = current[0];
                    current = groups.isEmpty() ? new long[] {0, 0} : groups.pop();
                    atom(current, group);
                    i++;
                }
                case '{' -> {
                    int end = regex.indexOf('}', i);
                    long times = end < 0 ? -1 : upperBound(regex.substring(i + 1, end));
                    if (times < 0) {
                        atom(current, 1); // not a repetition: a literal '{'
                        i++;
                    } else {
                        current[0] = add(current[0], multiply(current[1], times - 1));
                        current[1] = multiply(current[1], times);
                        i = end + 1;
                    }
                }
                default -> {
                    atom(current, 1);
                    i++;
                }
            }
        }
        while (!groups.isEmpty()) { // an unclosed group: the compiler refuses it; count it anyway
            long group = current[0];
            current = groups.pop();
            atom(current, group);
        }
        return current[0];
    }

    private static void atom(long[] group, long size) {
        group[0] = add(group[0], size);
        group[1] = size;
    }

    /** The upper bound of {@code m}, {@code m,n} or {@code m,}; -1 when the text is not a repetition count. */
    private static long upperBound(String counts) {
        int comma = counts.indexOf(',');
        String low = comma < 0 ? counts : counts.substring(0, comma);
        String high = comma < 0 ? counts : counts.substring(comma + 1);
        if (!isNumber(low) || !high.isEmpty() && !isNumber(high)) {
            return -1;
        }
        return high.isEmpty() ? Long.parseLong(low) + 1 : Long.parseLong(high);
    }

    private static boolean isNumber(String s) {
        if (s.isEmpty() || s.length() > 9) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Past {@code \x}, {@code \p{Greek}} or {@code \x{1F600}}. */
    private static int skipEscape(String regex, int i) {
        if (i + 2 < regex.length() && "pPx".indexOf(regex.charAt(i + 1)) >= 0 && regex.charAt(i + 2) == '{') {
            int close = regex.indexOf('}', i + 3);
            return close < 0 ? regex.length() : close + 1;
        }
        return Math.min(i + 2, regex.length());
    }

    /** Past a character class, {@code []a]} and {@code [[:alpha:]]} included. */
    private static int skipClass(String regex, int i) {
        int j = i + 1;
        if (j < regex.length() && regex.charAt(j) == '^') {
            j++;
        }
        if (j < regex.length() && regex.charAt(j) == ']') {
            j++;
        }
        while (j < regex.length() && regex.charAt(j) != ']') {
            if (regex.charAt(j) == '\\') {
                j++;
            } else if (regex.startsWith("[:", j)) {
                int close = regex.indexOf(":]", j + 2);
                j = close < 0 ? j : close + 1;
            }
            j++;
        }
        return Math.min(j + 1, regex.length());
    }

    private static long add(long a, long b) {
        return Math.min(SATURATED, a + b);
    }

    private static long multiply(long a, long b) {
        return a == 0 || b == 0 ? 0 : a > SATURATED / b ? SATURATED : a * b;
    }
}

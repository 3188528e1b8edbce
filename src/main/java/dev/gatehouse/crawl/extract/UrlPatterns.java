package dev.gatehouse.crawl.extract;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A crawl's include and exclude patterns, matched against the full normalised URL
 * ({@code https://example.com/blog/post?id=1}). A URL passes when no exclude pattern matches it and, if any
 * include patterns are given, at least one of them does.
 *
 * <p>Two syntaxes:
 * <ul>
 *   <li>a <b>glob</b>, matched against the whole URL: {@code *} is any run of characters except {@code /},
 *       {@code **} any run including {@code /}, {@code ?} one character except {@code /}; everything else is
 *       literal. Example: {@code https://example.com/docs/**}, {@code **.pdf}.</li>
 *   <li>a <b>regular expression</b>, marked by the prefix {@code re:}, found anywhere in the URL (anchor it with
 *       {@code ^}/{@code $} to match the whole): {@code re:/blog/\d{4}/}. The dialect is RE2 (RE2J): no
 *       backreferences or lookaround, and matching time is linear in the URL's length whatever the pattern, so a
 *       client's pattern cannot stall a crawl worker (no catastrophic backtracking).</li>
 * </ul>
 * At most {@value #MAX_PATTERNS} patterns of each kind, each at most {@value #MAX_PATTERN_LENGTH} characters; a
 * regex's counted repetitions may expand it to at most {@value #MAX_EXPANDED_SIZE} characters and it may compile to
 * at most {@value #MAX_PROGRAM_SIZE} instructions. A glob's literal text is percent-encoded as URLs are
 * ({@code /wiki/ä/**} matches {@code /wiki/%C3%A4/page}).
 */
public final class UrlPatterns {

    public static final int MAX_PATTERNS = 100;
    public static final int MAX_PATTERN_LENGTH = 1000;
    public static final String REGEX_PREFIX = "re:";
    /**
     * The largest compiled regex, in RE2 instructions. Matching time is linear in the URL's length times this, and
     * every discovered link is matched against every pattern; real patterns compile to a few dozen.
     */
    static final int MAX_PROGRAM_SIZE = 5_000;
    /** The most characters a regex may stand for once its counted repetitions are written out. */
    static final int MAX_EXPANDED_SIZE = 20_000;

    private static final UrlPatterns EVERYTHING = new UrlPatterns(List.of(), List.of());

    private final List<Pattern> includes;
    private final List<Pattern> excludes;

    private UrlPatterns(List<Pattern> includes, List<Pattern> excludes) {
        this.includes = includes;
        this.excludes = excludes;
    }

    /** Patterns that let every URL through. */
    public static UrlPatterns everything() {
        return EVERYTHING;
    }

    /**
     * Compiles the patterns.
     *
     * @throws InvalidUrlPatternException naming the first unusable pattern and why (for a 400 answer)
     */
    public static UrlPatterns compile(List<String> includes, List<String> excludes) {
        return new UrlPatterns(compileAll("include_patterns", includes), compileAll("exclude_patterns", excludes));
    }

    /** Whether a crawl with these patterns may visit {@code url}. */
    public boolean allows(URI url) {
        String s = url.toString();
        for (Pattern exclude : excludes) {
            if (exclude.matcher(s).find()) {
                return false;
            }
        }
        if (includes.isEmpty()) {
            return true;
        }
        for (Pattern include : includes) {
            if (include.matcher(s).find()) {
                return true;
            }
        }
        return false;
    }

    private static List<Pattern> compileAll(String field, List<@Nullable String> patterns) {
        if (patterns.size() > MAX_PATTERNS) {
            throw new InvalidUrlPatternException("", field + ": at most " + MAX_PATTERNS + " patterns");
        }
        List<Pattern> compiled = new ArrayList<>(patterns.size());
        for (int i = 0; i < patterns.size(); i++) {
            compiled.add(compileOne(field + "[" + i + "]", patterns.get(i)));
        }
        return List.copyOf(compiled);
    }

    private static Pattern compileOne(String where, @Nullable String pattern) {
        if (pattern == null || pattern.isBlank()) {
            throw new InvalidUrlPatternException("", where + ": empty pattern");
        }
        String shown = pattern.length() > 100 ? pattern.substring(0, 100) + "..." : pattern;
        String named = where + " \"" + shown + "\": ";
        if (pattern.length() > MAX_PATTERN_LENGTH) {
            throw new InvalidUrlPatternException(shown, named + "longer than " + MAX_PATTERN_LENGTH + " characters");
        }
        if (!pattern.startsWith(REGEX_PREFIX)) {
            return Pattern.compile(globToRegex(pattern));
        }
        String regex = pattern.substring(REGEX_PREFIX.length());
        // Checked before compiling: "((a{1,1000}){1,1000}){1,1000}" would compile to a billion instructions.
        if (RepetitionBudget.expandedSize(regex) > MAX_EXPANDED_SIZE) {
            throw new InvalidUrlPatternException(shown, named + "its repetitions expand too far (at most "
                    + MAX_EXPANDED_SIZE + " characters' worth)");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new InvalidUrlPatternException(shown, named + "not a valid regular expression: " + e.getDescription());
        }
        if (compiled.programSize() > MAX_PROGRAM_SIZE) {
            throw new InvalidUrlPatternException(shown, named + "too complex (" + compiled.programSize()
                    + " instructions, at most " + MAX_PROGRAM_SIZE + ")");
        }
        return compiled;
    }

    static String globToRegex(String glob) {
        StringBuilder regex = new StringBuilder(glob.length() + 16).append('^');
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c != '*' && c != '?') {
                literal.append(c);
                continue;
            }
            if (!literal.isEmpty()) {
                regex.append(Pattern.quote(UrlNormalizer.encodeIllegal(literal.toString())));
                literal.setLength(0);
            }
            if (c == '?') {
                regex.append("[^/]");
            } else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else {
                regex.append("[^/]*");
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(UrlNormalizer.encodeIllegal(literal.toString())));
        }
        return regex.append('$').toString();
    }
}

package dev.gatehouse.inspection.detect;

import org.jspecify.annotations.Nullable;

/*
 * The detector's entry point: normalise once, score every category, report the highest score at
 * or above THRESHOLD. Each scorer is a single pass over the normalised text (see the block comment
 * of each for its rules and weights); no regular expressions, and no list of known payloads.
 */
public final class Detector {

    /** The score at which an input counts as an attack. */
    public static final int THRESHOLD = 10;

    private Detector() {
    }

    /** The most likely attack in {@code input}, or null when it looks harmless. */
    public static @Nullable Finding inspect(String input) {
        if (input.isEmpty()) {
            return null;
        }
        Normalized normalized = Normalizer.normalize(input);
        String text = normalized.text();
        ThreatCategory best = ThreatCategory.SQL_INJECTION;
        int top = SqlInjectionScorer.score(text);
        int xss = CrossSiteScriptingScorer.score(text);
        if (xss > top) {
            best = ThreatCategory.CROSS_SITE_SCRIPTING;
            top = xss;
        }
        int command = CommandInjectionScorer.score(text);
        if (command > top) {
            best = ThreatCategory.COMMAND_INJECTION;
            top = command;
        }
        int traversal = PathTraversalScorer.score(normalized);
        if (traversal > top) {
            best = ThreatCategory.PATH_TRAVERSAL;
            top = traversal;
        }
        return top >= THRESHOLD ? new Finding(best, top) : null;
    }
}

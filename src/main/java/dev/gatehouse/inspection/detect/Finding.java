package dev.gatehouse.inspection.detect;

/**
 * One input scored at or above the threshold: the category that scored highest and its score.
 * Never carries the input itself.
 */
public record Finding(ThreatCategory category, int score) {

    /** A score this many times the threshold is a confident, high-threat detection. */
    public boolean strong() {
        return score >= 2 * Detector.THRESHOLD;
    }
}

package dev.gatehouse.inspection.detect;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions shared by the per-category tests. */
final class CategoryCases {

    private CategoryCases() {
    }

    static void detectedAs(String input, ThreatCategory category) {
        Finding finding = Detector.inspect(input);
        assertThat(finding).as("finding for %s", input).isNotNull();
        assertThat(finding.category()).as("category for %s", input).isEqualTo(category);
    }

    static void clean(String input) {
        assertThat(Detector.inspect(input)).as("finding for %s", input).isNull();
    }
}

package dev.gatehouse.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ElapsedHistogramTest {

    @Test
    void p95IsTheUpperEdgeOfItsBucketAndSurvivesStorage() {
        ElapsedHistogram histogram = ElapsedHistogram.parse("");
        for (int i = 0; i < 95; i++) {
            histogram.record(3);
        }
        for (int i = 0; i < 5; i++) {
            histogram.record(1_000);
        }
        ElapsedHistogram stored = ElapsedHistogram.parse(histogram.format());
        assertThat(stored.quantileMillis(0.95)).isEqualTo(4);
        assertThat(stored.quantileMillis(0.99)).isEqualTo(1_024);
        assertThat(ElapsedHistogram.parse("").quantileMillis(0.95)).isZero();
    }

    @Test
    void throughputAverageFollowsTheRateWhateverTheBatchSize() {
        double rate = 0;
        for (int i = 0; i < 10_000; i++) {
            rate = Throughput.update(rate, 10, 0.01); // 1,000 items/s in tiny batches
        }
        assertThat(rate).isBetween(990.0, 1_010.0);
        for (int i = 0; i < 100; i++) {
            rate = Throughput.update(rate, 1_000, 10); // then 100 items/s in big ones
        }
        assertThat(rate).isBetween(99.0, 101.0);
    }
}

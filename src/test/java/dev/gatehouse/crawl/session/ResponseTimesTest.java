package dev.gatehouse.crawl.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResponseTimesTest {

    @Test
    void p95IsWithinOnePercentAndSurvivesEncodingAndAdding() {
        ResponseTimes node1 = ResponseTimes.empty();
        ResponseTimes node2 = ResponseTimes.empty();
        for (int ms = 1; ms <= 1000; ms++) {
            (ms % 2 == 0 ? node1 : node2).record(ms);
        }
        ResponseTimes stored = ResponseTimes.decode(node1.encode());
        stored.add(ResponseTimes.decode(node2.encode()));

        assertThat(stored.count()).isEqualTo(1000);
        assertThat(stored.p95()).isBetween(940L, 960L);
    }

    @Test
    void emptyHistogramIsStoredAsEmptyTextAndHasNoP95() {
        assertThat(ResponseTimes.empty().encode()).isEmpty();
        assertThat(ResponseTimes.decode("").p95()).isZero();
    }

    @Test
    void corruptStoredHistogramIsAnErrorNotAZero() {
        assertThatThrownBy(() -> ResponseTimes.decode("bm90IGEgaGlzdG9ncmFt")).isInstanceOf(IllegalStateException.class);
    }
}

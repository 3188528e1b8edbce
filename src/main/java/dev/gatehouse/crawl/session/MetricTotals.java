package dev.gatehouse.crawl.session;

/**
 * Counts of a session's fetches: as stored, as buffered on a node, or their sum. Immutable; the
 * histogram inside is never changed after construction.
 */
record MetricTotals(long pages, long bytes, long errors, long responseMsSum, ResponseTimes responseTimes) {

    static MetricTotals none() {
        return new MetricTotals(0, 0, 0, 0, ResponseTimes.empty());
    }

    MetricTotals plus(MetricTotals other) {
        ResponseTimes sum = responseTimes.copy();
        sum.add(other.responseTimes);
        return new MetricTotals(pages + other.pages, bytes + other.bytes, errors + other.errors,
                responseMsSum + other.responseMsSum, sum);
    }

    SessionMetrics metrics() {
        long average = pages == 0 ? 0 : Math.round((double) responseMsSum / pages);
        return new SessionMetrics(pages, bytes, errors, average, responseTimes.p95());
    }
}

package dev.gatehouse.crawl.session;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.zip.DataFormatException;

import org.HdrHistogram.Histogram;

/**
 * Response times of fetched pages in ms, as an HdrHistogram with two significant digits: any
 * percentile is right to within 1 %, in a few hundred bytes whatever the number of pages, and two
 * histograms add up exactly, so each node can count its own and the database keeps the sum. Stored
 * as base64 of HdrHistogram's compressed encoding; the empty string is an empty histogram. Not
 * thread-safe: owners synchronise.
 */
final class ResponseTimes {

    private static final int SIGNIFICANT_DIGITS = 2;

    private final Histogram histogram;

    private ResponseTimes(Histogram histogram) {
        this.histogram = histogram;
        histogram.setAutoResize(true);
    }

    static ResponseTimes empty() {
        return new ResponseTimes(new Histogram(SIGNIFICANT_DIGITS));
    }

    static ResponseTimes decode(String stored) {
        if (stored.isEmpty()) {
            return empty();
        }
        try {
            return new ResponseTimes(Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(stored)), 0));
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalStateException("stored response-time histogram is corrupt", e);
        }
    }

    void record(long millis) {
        histogram.recordValue(Math.max(0, millis));
    }

    void add(ResponseTimes other) {
        histogram.add(other.histogram);
    }

    ResponseTimes copy() {
        return new ResponseTimes(histogram.copy());
    }

    long count() {
        return histogram.getTotalCount();
    }

    long p95() {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(95.0);
    }

    String encode() {
        if (count() == 0) {
            return "";
        }
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int length = histogram.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }
}

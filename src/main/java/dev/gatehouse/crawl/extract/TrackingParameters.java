package dev.gatehouse.crawl.extract;

/**
 * Removes the click-tracking query parameters ({@code utm_*}, {@code gclid}, {@code fbclid}, {@code msclkid}) that
 * make one page look like thousands to a crawler. The list is short on purpose: only names that never select
 * content. Names are compared as written (raw, case-sensitive), which is how sites and analytics emit them.
 */
final class TrackingParameters {

    private TrackingParameters() {
    }

    /** The raw query without tracking parameters, the others in their original order; "" when none remain. */
    static String strip(String rawQuery) {
        if (!mayContainTracking(rawQuery)) {
            return rawQuery;
        }
        StringBuilder kept = new StringBuilder(rawQuery.length());
        int start = 0;
        while (start <= rawQuery.length()) {
            int end = rawQuery.indexOf('&', start);
            if (end < 0) end = rawQuery.length();
            String pair = rawQuery.substring(start, end);
            if (!pair.isEmpty() && !isTracking(pair)) {
                if (!kept.isEmpty()) kept.append('&');
                kept.append(pair);
            }
            start = end + 1;
        }
        return kept.toString();
    }

    private static boolean mayContainTracking(String query) {
        return query.contains("utm_") || query.contains("clid");
    }

    private static boolean isTracking(String pair) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        return name.startsWith("utm_") || name.equals("gclid") || name.equals("fbclid") || name.equals("msclkid");
    }
}

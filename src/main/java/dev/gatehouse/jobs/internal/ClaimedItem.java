package dev.gatehouse.jobs.internal;

/** An item this node leased: enough to run it and to checkpoint it without reading it again. */
record ClaimedItem(String jobId, long seq, String orgId, int attempts, int attemptLimit, String input) {
}

package dev.gatehouse.jobs.internal;

/**
 * A leased item: enough to run it and to checkpoint it without reading it again. The lease owner is
 * this node for items it claimed; the reaper checkpoints another node's expired ones.
 */
record ClaimedItem(String jobId, long seq, String orgId, int attempts, int attemptLimit, String input, String leaseOwner) {
}

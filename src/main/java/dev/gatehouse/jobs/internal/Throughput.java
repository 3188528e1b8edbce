package dev.gatehouse.jobs.internal;

/**
 * A job's recent items per second as an exponentially weighted moving average over time, the way
 * Unix load averages are kept: each checkpoint of n items after dt seconds moves the rate towards
 * n/dt with weight 1 - e^(-dt/τ). Checkpoints every few milliseconds and ones minutes apart weigh
 * in by the time they cover, so the figure does not jump with the batch size. τ is 10 s: an ETA
 * follows a change of pace within about half a minute.
 */
final class Throughput {

    static final double TAU_SECONDS = 10.0;

    private Throughput() {
    }

    /** The rate after {@code items} ended over the {@code seconds} since the last update. */
    static double update(double rate, long items, double seconds) {
        if (seconds <= 0) {
            return rate + items / TAU_SECONDS;
        }
        double weight = 1 - Math.exp(-seconds / TAU_SECONDS);
        return rate + weight * (items / seconds - rate);
    }

    /**
     * The rate to show now. Early in a job the average has not warmed up yet, so the plain mean since
     * the start is used; later the average, decayed by the time since its last update so a stalled
     * job's rate falls instead of freezing.
     */
    static double current(double rate, long ended, double secondsSinceStart, double secondsSinceUpdate) {
        if (secondsSinceStart <= 0) {
            return 0;
        }
        if (secondsSinceStart < TAU_SECONDS) {
            return ended / secondsSinceStart;
        }
        return rate * Math.exp(-Math.max(0, secondsSinceUpdate) / TAU_SECONDS);
    }
}

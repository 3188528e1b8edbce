package dev.gatehouse.jobs;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** A job's life: queued → running → completed | failed | cancelled. */
public enum JobStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == CANCELLED;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static JobStatus fromWireName(String name) {
        return parse(name).orElseThrow(() -> new IllegalArgumentException("unknown job status " + name));
    }

    public static Optional<JobStatus> parse(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName().equals(name)).findFirst();
    }
}

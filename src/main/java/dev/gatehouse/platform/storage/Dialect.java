package dev.gatehouse.platform.storage;

/**
 * The databases Gatehouse runs on. Repositories ask their {@link Dialect} only where the two
 * really differ (claiming rows, upserts, JSON); everything else is the common SQL subset.
 */
public enum Dialect {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String id;

    Dialect(String id) {
        this.id = id;
    }

    /** Stable lower-case name, used for the migration folder and in logs. */
    public String id() {
        return id;
    }

    public String migrationLocation() {
        return "classpath:db/migration/" + id;
    }
}

package dev.gatehouse.inspection.detect;

/** The kinds of attack the detector scores, with the wire name used in audit details and metrics. */
public enum ThreatCategory {
    SQL_INJECTION("sql_injection", "a SQL injection"),
    CROSS_SITE_SCRIPTING("cross_site_scripting", "a cross-site scripting"),
    COMMAND_INJECTION("command_injection", "an OS command injection"),
    PATH_TRAVERSAL("path_traversal", "a path traversal");

    private final String wireName;
    private final String phrase;

    ThreatCategory(String wireName, String phrase) {
        this.wireName = wireName;
        this.phrase = phrase;
    }

    public String wireName() {
        return wireName;
    }

    /** "a SQL injection", for "The request looks like a SQL injection attempt." */
    public String phrase() {
        return phrase;
    }
}

package dev.gatehouse.platform.storage;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

/**
 * Where the data lives: a JDBC URL with its credentials and dialect. Built from the operator's
 * settings, which accept both {@code jdbc:postgresql://host/db} and the libpq-style
 * {@code postgresql://user:pass@host:port/db}; an empty URL means the embedded SQLite file.
 */
public record DatabaseTarget(Dialect dialect, String jdbcUrl, @Nullable String user, @Nullable String password) {

    static final String SQLITE_FILE = "gatehouse.db";

    public static DatabaseTarget embedded(Path dataDir) {
        Path file = dataDir.toAbsolutePath().normalize().resolve(SQLITE_FILE);
        return new DatabaseTarget(Dialect.SQLITE, "jdbc:sqlite:" + file, null, null);
    }

    /**
     * Parses a PostgreSQL URL. Explicit {@code user}/{@code password} settings win over the
     * credentials embedded in a {@code postgresql://} URL.
     *
     * @throws IllegalArgumentException naming what is wrong, never echoing a password
     */
    public static DatabaseTarget postgres(String url, @Nullable String user, @Nullable String password) {
        String trimmed = url.trim();
        if (trimmed.startsWith("jdbc:postgresql://")) {
            return new DatabaseTarget(Dialect.POSTGRESQL, trimmed, blankToNull(user), blankToNull(password));
        }
        if (!trimmed.startsWith("postgresql://") && !trimmed.startsWith("postgres://")) {
            throw new IllegalArgumentException(
                    "must start with jdbc:postgresql:// or postgresql:// (SQLite is the default when it is unset)");
        }
        URI uri;
        try {
            uri = URI.create(trimmed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("is not a valid URL");
        }
        if (uri.getHost() == null || uri.getPath() == null || uri.getPath().length() < 2) {
            throw new IllegalArgumentException("must name a host and a database, e.g. postgresql://host:5432/gatehouse");
        }
        String embeddedUser = null;
        String embeddedPassword = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            embeddedUser = decode(parts[0]);
            embeddedPassword = parts.length > 1 ? decode(parts[1]) : null;
        }
        String hostPort = uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        String jdbcUrl = "jdbc:postgresql://" + hostPort + uri.getRawPath() + query;
        return new DatabaseTarget(Dialect.POSTGRESQL, jdbcUrl,
                firstNonBlank(user, embeddedUser), firstNonBlank(password, embeddedPassword));
    }

    /** The URL without query parameters, which may carry credentials: safe for logs. */
    public String displayUrl() {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    private static String decode(String raw) {
        return URLDecoder.decode(raw, StandardCharsets.UTF_8);
    }

    private static @Nullable String firstNonBlank(@Nullable String preferred, @Nullable String fallback) {
        String chosen = blankToNull(preferred);
        return chosen != null ? chosen : blankToNull(fallback);
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + dialect.id() + " " + displayUrl() + "]";
    }
}

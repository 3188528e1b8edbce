package dev.gatehouse.platform.storage;

import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;

/**
 * Recognises "that key already exists" on both dialects. PostgreSQL's is translated by Spring into
 * {@link DuplicateKeyException}; SQLite's arrives as a generic exception whose cause carries
 * {@code SQLITE_CONSTRAINT_UNIQUE} or {@code SQLITE_CONSTRAINT_PRIMARYKEY}.
 */
public final class UniqueViolations {

    private UniqueViolations() {
    }

    public static boolean is(DataAccessException e) {
        if (e instanceof DuplicateKeyException) {
            return true;
        }
        return e.getMostSpecificCause() instanceof SQLiteException sqlite
                && (sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                        || sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY);
    }
}

package dev.gatehouse.platform.storage;

import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;
import org.sqlite.SQLiteErrorCode;

/**
 * Drops a pooled SQLite connection that reported "busy" instead of handing it out again. The
 * driver marks a connection as inside a transaction before it runs BEGIN and does not undo that
 * when BEGIN fails; such a connection would run every later transaction's statements one by one,
 * each committed on its own, and fail every commit. Opening a fresh connection costs a millisecond.
 * In-process writers queue before BEGIN ({@link SqliteTransactionManager}), so this is for locks
 * held by another process (a backup tool, a second server on the same file).
 */
final class SqliteBusyEviction implements SQLExceptionOverride {

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        int primaryCode = e.getErrorCode() & 0xff;
        return primaryCode == SQLiteErrorCode.SQLITE_BUSY.code || primaryCode == SQLiteErrorCode.SQLITE_LOCKED.code
                ? Override.MUST_EVICT
                : Override.CONTINUE_EVICT;
    }
}

package dev.forecourt.platform.persistence;

import java.sql.SQLException;
import java.util.List;

/** What a database failure's SQLSTATE says, looked up anywhere in its cause chain (a flush or a commit wraps it). */
public final class SqlStates {

    private SqlStates() {
    }

    /** Whether any SQLException in the cause chain has one of these SQLSTATEs. */
    public static boolean has(Throwable e, String... states) {
        List<String> wanted = List.of(states);
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && wanted.contains(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The connection is gone: lost (class 08), or closed by a server shutting down or refusing it
     * (57P01-57P03). Nothing more can be sent on it, not even a cancel.
     */
    public static boolean isConnectionLost(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || List.of("57P01", "57P02", "57P03").contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A failure that says nothing about the statement, so the same work may succeed on a new
     * connection: the connection was lost ({@link #isConnectionLost}), the server ran out of resources
     * (class 53), or the transaction lost a conflict (40001, 40P01).
     */
    public static boolean isTransient(Throwable e) {
        if (isConnectionLost(e) || has(e, "40001", "40P01")) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("53")) {
                return true;
            }
        }
        return false;
    }
}

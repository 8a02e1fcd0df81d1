package dev.forecourt.platform.persistence;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Predicate;

/** What a database failure's SQLSTATE says, looked up anywhere in its cause chain (a flush or a commit wraps it). */
public final class SqlStates {

    private static final List<String> SERVER_GOING = List.of("57P01", "57P02", "57P03");
    private static final List<String> CONFLICT = List.of("40001", "40P01");

    private SqlStates() {
    }

    /** Whether any SQLException in the cause chain has one of these SQLSTATEs. */
    public static boolean has(Throwable e, String... states) {
        return any(e, List.of(states)::contains);
    }

    /**
     * The connection is gone: lost (class 08), or closed by a server shutting down or refusing it
     * (57P01-57P03). Nothing more can be sent on it, not even a cancel.
     */
    public static boolean isConnectionLost(Throwable e) {
        return any(e, s -> s.startsWith("08") || SERVER_GOING.contains(s));
    }

    /**
     * A failure that says nothing about the statement, so the same work may succeed on a new
     * connection: the connection was lost ({@link #isConnectionLost}), the server ran out of resources
     * (class 53), or the transaction lost a conflict (40001, 40P01).
     */
    public static boolean isTransient(Throwable e) {
        return isConnectionLost(e) || any(e, s -> s.startsWith("53") || CONFLICT.contains(s));
    }

    private static boolean any(Throwable e, Predicate<String> state) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null && state.test(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

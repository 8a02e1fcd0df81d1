package dev.forecourt.platform.problem;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A race on a unique value answers 409, and a deadlock 503 (retry), however deep the driver's exception is wrapped. */
class UniqueViolationTest {

    @Test
    void findsTheUniqueViolationUnderFlushAndCommitWrappers() {
        var driver = new SQLException("duplicate key value violates unique constraint sales_order_vin_idx", "23505");
        var flush = new jakarta.persistence.PersistenceException("could not execute statement", driver);
        var commit = new IllegalStateException("commit failed", flush);
        assertTrue(ProblemMappers.isUniqueViolation(commit));
    }

    @Test
    void anExclusionConstraintRaceIsAConflictToo() {
        var driver = new SQLException("conflicting key value violates exclusion constraint test_drive_car_slot_free", "23P01");
        assertTrue(ProblemMappers.isUniqueViolation(new jakarta.persistence.PersistenceException("flush", driver)));
    }

    @Test
    void aDeadlockOrSerializationFailureIsARetryableConflictNotAUniqueViolation() {
        var deadlock = new SQLException("deadlock detected", "40P01");
        assertFalse(ProblemMappers.isUniqueViolation(deadlock));
        assertTrue(ProblemMappers.isTransactionConflict(new IllegalStateException("commit failed",
                new jakarta.persistence.PersistenceException("flush", deadlock))));
        assertTrue(ProblemMappers.isTransactionConflict(new SQLException("could not serialize access", "40001")));
    }

    @Test
    void otherDatabaseErrorsStayInternal() {
        var other = new SQLException("division by zero", "22012");
        assertFalse(ProblemMappers.isUniqueViolation(other));
        assertFalse(ProblemMappers.isTransactionConflict(other));
        assertFalse(ProblemMappers.isTransactionConflict(new IllegalStateException("boom")));
    }
}

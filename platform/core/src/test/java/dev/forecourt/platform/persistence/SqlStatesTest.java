package dev.forecourt.platform.persistence;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SqlStatesTest {

    @Test
    void aLostConnectionOrAServerShuttingDownIsTransientAndLost() {
        for (String state : new String[]{"08006", "08003", "57P01", "57P03"}) {
            SQLException e = new SQLException("gone", state);
            assertTrue(SqlStates.isConnectionLost(e), state);
            assertTrue(SqlStates.isTransient(e), state);
        }
    }

    @Test
    void aConflictOrAServerOutOfResourcesIsTransientButTheConnectionLives() {
        for (String state : new String[]{"40001", "40P01", "53300"}) {
            SQLException e = new SQLException("try again", state);
            assertTrue(SqlStates.isTransient(e), state);
            assertFalse(SqlStates.isConnectionLost(e), state);
        }
    }

    @Test
    void whatTheRowsDidWrongIsNotTransient() {
        for (String state : new String[]{"23505", "22001", "23502", null}) {
            assertFalse(SqlStates.isTransient(new SQLException("bad row", state)), String.valueOf(state));
        }
    }

    @Test
    void theStateIsFoundAnywhereInTheCauseChain() {
        var wrapped = new IllegalStateException(new RuntimeException(new SQLException("gone", "08006")));
        assertTrue(SqlStates.isConnectionLost(wrapped));
        assertTrue(SqlStates.has(wrapped, "08006"));
        assertFalse(SqlStates.has(wrapped, "23505"));
    }
}

package dev.forecourt.lead.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TestDriveStatusTest {

    @Test
    void aBookedDriveIsCompletedOrCancelled() {
        assertEquals(TestDriveStatus.COMPLETED, TestDriveStatus.BOOKED.moveTo(TestDriveStatus.COMPLETED));
        assertEquals(TestDriveStatus.CANCELLED, TestDriveStatus.BOOKED.moveTo(TestDriveStatus.CANCELLED));
    }

    @Test
    void completedAndCancelledAreFinal() {
        var e = assertThrows(IllegalStateException.class, () -> TestDriveStatus.COMPLETED.moveTo(TestDriveStatus.CANCELLED));
        assertEquals("a COMPLETED test drive cannot become CANCELLED (it is final)", e.getMessage());
        assertThrows(IllegalStateException.class, () -> TestDriveStatus.CANCELLED.moveTo(TestDriveStatus.COMPLETED));
        assertThrows(IllegalStateException.class, () -> TestDriveStatus.CANCELLED.moveTo(TestDriveStatus.CANCELLED));
    }

    @Test
    void aDriveCannotBeBookedAgainOrCompletedTwice() {
        var e = assertThrows(IllegalStateException.class, () -> TestDriveStatus.BOOKED.moveTo(TestDriveStatus.BOOKED));
        assertTrue(e.getMessage().contains("allowed: [COMPLETED, CANCELLED]"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> TestDriveStatus.COMPLETED.moveTo(TestDriveStatus.COMPLETED));
    }

    @Test
    void onlyACancelledDriveGivesItsSlotBack() {
        assertTrue(TestDriveStatus.BOOKED.holdsSlot());
        assertTrue(TestDriveStatus.COMPLETED.holdsSlot());
        assertFalse(TestDriveStatus.CANCELLED.holdsSlot());
    }
}

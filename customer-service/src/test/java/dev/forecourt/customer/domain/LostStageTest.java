package dev.forecourt.customer.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LostStageTest {

    private static final LocalDate PURCHASE = LocalDate.of(2022, 3, 15);

    @Test
    void noVisitWithinTwelveMonthsOfPurchaseIsFirstServiceLost() {
        assertEquals(Optional.empty(), LostStage.of(PURCHASE, null, PURCHASE));
        assertEquals(Optional.empty(), LostStage.of(PURCHASE, null, LocalDate.of(2023, 3, 14)));
        // Exactly 12 months: not yet lost (lost means MORE than 12 months).
        assertEquals(Optional.empty(), LostStage.of(PURCHASE, null, LocalDate.of(2023, 3, 15)));
        assertEquals(Optional.of(LostStage.FIRST_SERVICE_LOST), LostStage.of(PURCHASE, null, LocalDate.of(2023, 3, 16)));
    }

    @Test
    void neverVisitingStaysFirstServiceLost() {
        assertEquals(Optional.of(LostStage.FIRST_SERVICE_LOST), LostStage.of(PURCHASE, null, LocalDate.of(2026, 1, 1)));
    }

    @Test
    void twelveToTwentyFourMonthsSinceLastVisitIsBaseLost() {
        LocalDate visit = LocalDate.of(2023, 1, 10);
        assertEquals(Optional.empty(), LostStage.of(PURCHASE, visit, LocalDate.of(2023, 6, 1)));
        assertEquals(Optional.empty(), LostStage.of(PURCHASE, visit, LocalDate.of(2024, 1, 10)));
        assertEquals(Optional.of(LostStage.BASE_LOST), LostStage.of(PURCHASE, visit, LocalDate.of(2024, 1, 11)));
        // Exactly 24 months is still base lost ("12-24 months").
        assertEquals(Optional.of(LostStage.BASE_LOST), LostStage.of(PURCHASE, visit, LocalDate.of(2025, 1, 10)));
    }

    @Test
    void overTwentyFourMonthsSinceLastVisitIsLostPool() {
        LocalDate visit = LocalDate.of(2023, 1, 10);
        assertEquals(Optional.of(LostStage.LOST_POOL), LostStage.of(PURCHASE, visit, LocalDate.of(2025, 1, 11)));
        assertEquals(Optional.of(LostStage.LOST_POOL), LostStage.of(PURCHASE, visit, LocalDate.of(2030, 1, 1)));
    }

    @Test
    void aVisitMeansTheFirstServiceRuleNoLongerApplies() {
        // Visited once in month 2; 13 months after purchase is only 11 months after that visit.
        LocalDate visit = LocalDate.of(2022, 5, 1);
        assertEquals(Optional.empty(), LostStage.of(PURCHASE, visit, LocalDate.of(2023, 4, 16)));
    }

    @Test
    void visitBeforePurchaseIsIgnored() {
        LocalDate earlier = LocalDate.of(2021, 12, 1);
        assertEquals(Optional.of(LostStage.FIRST_SERVICE_LOST), LostStage.of(PURCHASE, earlier, LocalDate.of(2023, 3, 16)));
        assertEquals(Optional.empty(), LostStage.of(PURCHASE, earlier, LocalDate.of(2023, 3, 15)));
    }

    @Test
    void visitOnPurchaseDayCounts() {
        assertEquals(Optional.empty(), LostStage.of(PURCHASE, PURCHASE, LocalDate.of(2023, 3, 15)));
        assertEquals(Optional.of(LostStage.BASE_LOST), LostStage.of(PURCHASE, PURCHASE, LocalDate.of(2023, 3, 16)));
    }

    @Test
    void monthEndUsesCalendarMonths() {
        // 29 Feb 2024 + 12 months = 28 Feb 2025: lost from 1 Mar 2025.
        LocalDate leap = LocalDate.of(2024, 2, 29);
        assertEquals(Optional.empty(), LostStage.of(leap, null, LocalDate.of(2025, 2, 28)));
        assertEquals(Optional.of(LostStage.FIRST_SERVICE_LOST), LostStage.of(leap, null, LocalDate.of(2025, 3, 1)));
    }

    @Test
    void requiresPurchaseDateAndToday() {
        assertThrows(NullPointerException.class, () -> LostStage.of(null, null, PURCHASE));
        assertThrows(NullPointerException.class, () -> LostStage.of(PURCHASE, null, null));
    }
}

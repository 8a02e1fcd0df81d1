package dev.forecourt.customer.domain;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class LoyaltyMeasuresTest {

    @Test
    void rates() {
        // 30 sales to existing customers, 10 lost: 30/40 and 10/40.
        assertEquals(Optional.of(new BigDecimal("0.7500")), LoyaltyMeasures.loyaltyRate(30, 10));
        assertEquals(Optional.of(new BigDecimal("0.2500")), LoyaltyMeasures.disloyaltyRate(30, 10));
    }

    @Test
    void roundsHalfUpToFourDecimals() {
        // 2/3 = 0.66666.. -> 0.6667; 1/3 -> 0.3333
        assertEquals(Optional.of(new BigDecimal("0.6667")), LoyaltyMeasures.loyaltyRate(2, 1));
        assertEquals(Optional.of(new BigDecimal("0.3333")), LoyaltyMeasures.disloyaltyRate(2, 1));
        // 1/16 = 0.0625 exactly; 1/32 = 0.03125 -> 0.0313 (half up)
        assertEquals(Optional.of(new BigDecimal("0.0625")), LoyaltyMeasures.loyaltyRate(1, 15));
        assertEquals(Optional.of(new BigDecimal("0.0313")), LoyaltyMeasures.loyaltyRate(1, 31));
        assertEquals(Optional.of(new BigDecimal("0.9688")), LoyaltyMeasures.disloyaltyRate(1, 31));
    }

    @Test
    void extremes() {
        assertEquals(Optional.of(new BigDecimal("1.0000")), LoyaltyMeasures.loyaltyRate(5, 0));
        assertEquals(Optional.of(new BigDecimal("0.0000")), LoyaltyMeasures.disloyaltyRate(5, 0));
        assertEquals(Optional.of(new BigDecimal("0.0000")), LoyaltyMeasures.loyaltyRate(0, 5));
        assertEquals(Optional.of(new BigDecimal("1.0000")), LoyaltyMeasures.disloyaltyRate(0, 5));
    }

    @Test
    void emptyWhenThereIsNothingToMeasure() {
        assertEquals(Optional.empty(), LoyaltyMeasures.loyaltyRate(0, 0));
        assertEquals(Optional.empty(), LoyaltyMeasures.disloyaltyRate(0, 0));
    }

    @Test
    void negativeCountsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> LoyaltyMeasures.loyaltyRate(-1, 5));
        assertThrows(IllegalArgumentException.class, () -> LoyaltyMeasures.disloyaltyRate(5, -1));
    }
}

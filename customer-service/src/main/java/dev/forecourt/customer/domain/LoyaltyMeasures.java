package dev.forecourt.customer.domain;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * Loyalty and disloyalty rates (DOMAIN.md §1, Measures), as fractions with 4 decimals
 * (0.7500 = 75.00 %), rounded half-up. The two always add up to 1 (to the rounding).
 */
public final class LoyaltyMeasures {

    private static final int SCALE = 4;

    private LoyaltyMeasures() {
    }

    /** sales to existing customers / (lost + sales to existing); empty when both are 0. */
    public static Optional<BigDecimal> loyaltyRate(long salesToExisting, long lost) {
        return ratio(salesToExisting, salesToExisting, lost);
    }

    /** lost / (lost + sales to existing); empty when both are 0. */
    public static Optional<BigDecimal> disloyaltyRate(long salesToExisting, long lost) {
        return ratio(lost, salesToExisting, lost);
    }

    private static Optional<BigDecimal> ratio(long numerator, long salesToExisting, long lost) {
        if (salesToExisting < 0 || lost < 0) {
            throw new IllegalArgumentException("counts cannot be negative: sales " + salesToExisting
                    + ", lost " + lost);
        }
        long denominator = Math.addExact(salesToExisting, lost);
        if (denominator == 0) {
            return Optional.empty();
        }
        return Optional.of(BigDecimal.valueOf(numerator)
                .divide(BigDecimal.valueOf(denominator), SCALE, RoundingMode.HALF_UP));
    }
}

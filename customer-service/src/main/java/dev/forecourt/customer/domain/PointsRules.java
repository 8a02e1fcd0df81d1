package dev.forecourt.customer.domain;

import java.util.Optional;

/** Loyalty points ledger rules (DOMAIN.md §1, Loyalty). */
public final class PointsRules {

    private PointsRules() {
    }

    /**
     * Points to expire now, first-in first-out.
     *
     * <p>Debits (redemptions and earlier expiries) always consume the oldest points first. So of
     * all points whose expiry date has passed, the first {@code debitedSoFar} are already gone;
     * only the remainder is still in the balance and must expire now. When debits exceed the
     * expired earnings they have also eaten into younger points, and nothing expires.
     *
     * @param earnedNowExpired total points ever earned in grants whose expiry date has passed
     *                         (including grants that expired on earlier runs)
     * @param debitedSoFar     total points ever debited, including expiries already booked
     * @throws IllegalArgumentException on negative totals
     */
    public static long expiring(long earnedNowExpired, long debitedSoFar) {
        if (earnedNowExpired < 0 || debitedSoFar < 0) {
            throw new IllegalArgumentException("ledger totals cannot be negative: earned "
                    + earnedNowExpired + ", debited " + debitedSoFar);
        }
        return Math.max(0, earnedNowExpired - debitedSoFar);
    }

    /**
     * When points earned on a day expire: at the end of that day in the group's time zone, {@code months}
     * later. From the day the purchase or service was paid, not the day the system heard of it, so that a
     * late event does not keep points longer than their period.
     */
    public static java.time.Instant expiry(java.time.LocalDate earnedOn, int months, java.time.ZoneId zone) {
        return earnedOn.plusMonths(months).plusDays(1).atStartOfDay(zone).toInstant();
    }

    /** Why redeeming {@code points} from {@code balance} is refused, or empty when it is allowed. */
    public static Optional<String> redemptionViolation(long balance, long points) {
        if (points <= 0) {
            return Optional.of("points must be positive");
        }
        if (points > balance) {
            return Optional.of("balance is " + balance + ", cannot redeem " + points);
        }
        return Optional.empty();
    }
}

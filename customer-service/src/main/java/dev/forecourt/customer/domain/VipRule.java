package dev.forecourt.customer.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * The automatic VIP rule (DOMAIN.md §1): a customer who gave {@value #REFERRALS} or more purchase
 * referrals within one year. (VIP by a store manager's decision is recorded separately.)
 */
public final class VipRule {

    public static final int REFERRALS = 3;

    /** "One year" as a fixed 365 days, so the window does not depend on the time zone or leap years. */
    private static final Duration WINDOW = Duration.ofDays(365);

    private VipRule() {
    }

    /**
     * True when at least {@value #REFERRALS} referrals fall in the window
     * {@code [now - 365 days, now]}, both ends included. Referrals dated after {@code now}
     * (clock skew, bad data) are ignored rather than counted early.
     */
    public static boolean qualifiesByReferrals(Collection<Instant> referralTimes, Instant now) {
        Objects.requireNonNull(referralTimes, "referralTimes");
        Objects.requireNonNull(now, "now");
        Instant from = now.minus(WINDOW);
        long inWindow = referralTimes.stream()
                .map(t -> Objects.requireNonNull(t, "referral time"))
                .filter(t -> !t.isBefore(from) && !t.isAfter(now))
                .count();
        return inWindow >= REFERRALS;
    }
}

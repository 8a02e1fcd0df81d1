package dev.forecourt.customer.domain;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * How far an owner has drifted from our workshop (DOMAIN.md §1, class {@code LOST}).
 *
 * <p>Periods are calendar months ({@link LocalDate#plusMonths}, so 31 Jan + 1 month is the last
 * day of February) and a customer is lost only after <em>more than</em> 12 months: on the
 * anniversary itself they still have the day to come in.
 */
public enum LostStage {
    /** Never came for a service visit and the first 12 months after purchase are over. */
    FIRST_SERVICE_LOST,
    /** More than 12 and at most 24 months since the last service visit. */
    BASE_LOST,
    /** More than 24 months since the last service visit. */
    LOST_POOL;

    /**
     * The lost stage on {@code today}, or empty when the owner is not lost.
     *
     * <p>An owner who never visited stays {@code FIRST_SERVICE_LOST} however long ago the
     * purchase was: the stages after it are measured from a last visit, which does not exist.
     * A visit dated before the purchase belongs to an earlier vehicle or owner and is ignored.
     *
     * @param lastServiceVisit nullable: no visit since the purchase
     */
    public static Optional<LostStage> of(LocalDate purchaseDate, LocalDate lastServiceVisit, LocalDate today) {
        Objects.requireNonNull(purchaseDate, "purchaseDate");
        Objects.requireNonNull(today, "today");
        if (lastServiceVisit == null || lastServiceVisit.isBefore(purchaseDate)) {
            return today.isAfter(purchaseDate.plusMonths(12))
                    ? Optional.of(FIRST_SERVICE_LOST) : Optional.empty();
        }
        if (today.isAfter(lastServiceVisit.plusMonths(24))) {
            return Optional.of(LOST_POOL);
        }
        if (today.isAfter(lastServiceVisit.plusMonths(12))) {
            return Optional.of(BASE_LOST);
        }
        return Optional.empty();
    }
}

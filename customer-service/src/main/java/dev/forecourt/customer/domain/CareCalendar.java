package dev.forecourt.customer.domain;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** When birthday and holiday greetings (care touchpoints, DOMAIN.md §1) are due. */
public final class CareCalendar {

    private static final MonthDay LEAP_DAY = MonthDay.of(2, 29);

    private CareCalendar() {
    }

    /**
     * True when {@code today} is the customer's birthday. A 29 February birthday is celebrated
     * on 28 February in non-leap years, so those customers are greeted every year, and before
     * the day rather than after it. No birth date known, or a birth date after today, is never
     * a birthday.
     *
     * @param birthDate nullable
     */
    public static boolean isBirthday(LocalDate birthDate, LocalDate today) {
        Objects.requireNonNull(today, "today");
        if (birthDate == null || today.isBefore(birthDate)) {
            return false;
        }
        MonthDay birthday = MonthDay.from(birthDate);
        if (birthday.equals(LEAP_DAY) && !today.isLeapYear()) {
            return today.getMonthValue() == 2 && today.getDayOfMonth() == 28;
        }
        return MonthDay.from(today).equals(birthday);
    }

    /**
     * The name of the holiday falling on {@code today}, if any. The map is the store's greeting
     * calendar for the current year: holidays on the lunar calendar (Spring Festival, Mid-Autumn)
     * move every year, so the caller supplies this year's Gregorian dates for them.
     */
    public static Optional<String> holiday(LocalDate today, Map<MonthDay, String> holidays) {
        Objects.requireNonNull(today, "today");
        Objects.requireNonNull(holidays, "holidays");
        return Optional.ofNullable(holidays.get(MonthDay.from(today)));
    }
}

package dev.forecourt.customer.domain;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CareCalendarTest {

    @Test
    void birthdayIsTheSameMonthAndDay() {
        LocalDate born = LocalDate.of(1985, 7, 14);
        assertTrue(CareCalendar.isBirthday(born, LocalDate.of(2025, 7, 14)));
        assertFalse(CareCalendar.isBirthday(born, LocalDate.of(2025, 7, 13)));
        assertFalse(CareCalendar.isBirthday(born, LocalDate.of(2025, 8, 14)));
    }

    @Test
    void leapDayBirthdayIsOn28FebruaryInOtherYears() {
        LocalDate born = LocalDate.of(1996, 2, 29);
        assertTrue(CareCalendar.isBirthday(born, LocalDate.of(2025, 2, 28)));
        assertFalse(CareCalendar.isBirthday(born, LocalDate.of(2025, 3, 1)));
        assertTrue(CareCalendar.isBirthday(born, LocalDate.of(2024, 2, 29)));
        assertFalse(CareCalendar.isBirthday(born, LocalDate.of(2024, 2, 28)));
        // 28 Feb birthdays are unaffected in leap years.
        assertTrue(CareCalendar.isBirthday(LocalDate.of(1990, 2, 28), LocalDate.of(2024, 2, 28)));
        assertFalse(CareCalendar.isBirthday(LocalDate.of(1990, 2, 28), LocalDate.of(2024, 2, 29)));
    }

    @Test
    void unknownOrFutureBirthDateIsNeverABirthday() {
        assertFalse(CareCalendar.isBirthday(null, LocalDate.of(2025, 1, 1)));
        assertFalse(CareCalendar.isBirthday(LocalDate.of(2030, 1, 1), LocalDate.of(2025, 1, 1)));
    }

    @Test
    void holiday() {
        Map<MonthDay, String> holidays = Map.of(
                MonthDay.of(1, 1), "New Year's Day",
                MonthDay.of(10, 1), "National Day",
                MonthDay.of(1, 29), "Spring Festival"); // 2025's date, supplied for the year
        assertEquals(Optional.of("National Day"), CareCalendar.holiday(LocalDate.of(2025, 10, 1), holidays));
        assertEquals(Optional.of("Spring Festival"), CareCalendar.holiday(LocalDate.of(2025, 1, 29), holidays));
        assertEquals(Optional.empty(), CareCalendar.holiday(LocalDate.of(2025, 10, 2), holidays));
        assertEquals(Optional.empty(), CareCalendar.holiday(LocalDate.of(2025, 10, 1), Map.of()));
    }
}

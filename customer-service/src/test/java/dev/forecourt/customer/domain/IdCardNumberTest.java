package dev.forecourt.customer.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class IdCardNumberTest {

    private static final String FORMAT = "must be 18 characters: 17 digits and a check digit (0-9 or X)";
    private static final String DATE = "birth date (characters 7-14) is not a valid date";

    @Test
    void normaliseTrimsAndUpperCasesTheX() {
        assertEquals("11010519491231002X", IdCardNumber.normalise(" 11010519491231002x "));
        assertNull(IdCardNumber.normalise(null));
    }

    @Test
    void acceptsValidNumber() {
        assertEquals(Optional.empty(), IdCardNumber.violation("11010519491231002X"));
        assertEquals(Optional.empty(), IdCardNumber.violation(IdCardNumber.normalise("11010519491231002x")));
    }

    @Test
    void rejectsWrongCheckCharacterNamingTheExpectedOne() {
        assertEquals(Optional.of("check digit should be 'X'"), IdCardNumber.violation("110105194912310021"));
        // One mistyped digit (sequence 002 -> 003) changes the expected check character to '8'.
        assertEquals(Optional.of("check digit should be '8'"), IdCardNumber.violation("11010519491231003X"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "11010519491231002", "11010519491231002XX", "1101051949123100XX",
            "11010519491231002x", "X10105194912310021", "11010519491231002Y", "1101051949 231002X"})
    void rejectsWrongShape(String id) {
        assertEquals(Optional.of(FORMAT), IdCardNumber.violation(id));
    }

    @Test
    void rejectsNullAsWrongShape() {
        assertEquals(Optional.of(FORMAT), IdCardNumber.violation(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"11010519491331002X", "11010519490230002X", "11010519490001002X",
            "11010519491232002X", "11010519000229002X"})
    void rejectsImpossibleBirthDate(String id) {
        assertEquals(Optional.of(DATE), IdCardNumber.violation(id));
    }

    @Test
    void leapDayBirthDateIsAValidDate() {
        assertEquals(Optional.empty(), IdCardNumber.violation("110105200002290021"));
    }
}

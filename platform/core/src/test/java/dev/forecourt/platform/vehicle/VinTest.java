package dev.forecourt.platform.vehicle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class VinTest {

    @Test
    void normaliseTrimsAndUpperCases() {
        assertEquals("1M8GDM9AXKP042788", Vin.normalise("  1m8gdm9axkp042788 \t"));
        assertNull(Vin.normalise(null));
    }

    /** Check digits verified independently (script applying the DOMAIN.md table and weights). */
    @ParameterizedTest
    @CsvSource({
            "1M8GDM9AXKP042788, X",
            "1HGCM82633A004352, 3",
            "JHMCM56557C404453, 5",
            "11111111111111111, 1",
            "LSVAU2180N2183294, X"
    })
    void checkDigit(String vin, char expected) {
        assertEquals(expected, Vin.checkDigit(vin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M8GDM9AXKP042788", "1HGCM82633A004352", "JHMCM56557C404453"})
    void acceptsValidVins(String vin) {
        assertEquals(Optional.empty(), Vin.violation(vin));
    }

    @Test
    void acceptsAfterNormalising() {
        assertEquals(Optional.empty(), Vin.violation(Vin.normalise(" 1m8gdm9axkp042788 ")));
    }

    @Test
    void rejectsWrongCheckDigitNamingTheExpectedOne() {
        // LSVAU2180N2183294 has '0' at position 9, but its check digit works out to X.
        assertEquals(Optional.of("check digit (position 9) should be 'X'"), Vin.violation("LSVAU2180N2183294"));
        assertEquals(Optional.of("check digit (position 9) should be 'X'"), Vin.violation("1M8GDM9A1KP042788"));
        // One mistyped character elsewhere (last 2 -> 3, weight 2) moves the expected digit from 3 to 5.
        assertEquals(Optional.of("check digit (position 9) should be '5'"), Vin.violation("1HGCM82633A004353"));
    }

    @Test
    void rejectsOneRepeatedCharacterEvenWithAValidCheckDigit() {
        assertEquals('1', Vin.checkDigit("11111111111111111"));
        assertEquals(Optional.of("must not be one repeated character"), Vin.violation("11111111111111111"));
        assertEquals(Optional.of("must not be one repeated character"), Vin.violation("AAAAAAAAAAAAAAAAA"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1M8GDM9AXKP04278", "1M8GDM9AXKP0427880"})
    void rejectsWrongLength(String vin) {
        assertEquals(Optional.of("must be 17 characters"), Vin.violation(vin));
    }

    @Test
    void rejectsNullAsWrongLength() {
        assertEquals(Optional.of("must be 17 characters"), Vin.violation(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M8GDM9AXKP04278-", "1m8gdm9axkp042788", "1M8GDM9AXKP 42788", "1M8GDM9AXKP04278Ä"})
    void rejectsOtherCharacters(String vin) {
        assertEquals(Optional.of("must use only letters A-Z and digits"), Vin.violation(vin));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1M8GDM9AXKP0427I8", "1M8GDM9AXKPO42788", "QM8GDM9AXKP042788"})
    void rejectsIOQ(String vin) {
        assertEquals(Optional.of("must not contain I, O or Q"), Vin.violation(vin));
    }

    @Test
    void checkDigitRejectsWhatIsNotAVin() {
        assertThrows(IllegalArgumentException.class, () -> Vin.checkDigit("SHORT"));
        assertThrows(IllegalArgumentException.class, () -> Vin.checkDigit("1M8GDM9AXKPO42788"));
    }
}

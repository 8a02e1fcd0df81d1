package dev.forecourt.customer.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MobilePhoneTest {

    @ParameterizedTest
    @ValueSource(strings = {"13812345678", "138 1234 5678", "138-1234-5678", "+86 13812345678",
            "0086 13812345678", "8613812345678", "+8613812345678", " 13812345678 ", "+86-138-1234-5678",
            "0086-138 1234 5678"})
    void acceptsCommonSpellings(String raw) {
        assertEquals(Optional.of("+8613812345678"), MobilePhone.toE164(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"13012345678", "14512345678", "15912345678", "16612345678", "17712345678",
            "18812345678", "19912345678"})
    void acceptsSecondDigitThreeToNine(String raw) {
        assertEquals(Optional.of("+86" + raw), MobilePhone.toE164(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "1381234567", "138123456789", "10812345678", "11812345678",
            "12812345678", "23812345678", "010-12345678", "+1 4155552671", "+85213812345678",
            "1381234567a", "138.1234.5678", "+86 1381234567", "861381234567", "008613812345678 9"})
    void rejectsWhatIsNotAMainlandMobile(String raw) {
        assertEquals(Optional.empty(), MobilePhone.toE164(raw));
    }

    @Test
    void rejectsNull() {
        assertEquals(Optional.empty(), MobilePhone.toE164(null));
    }

    @Test
    void ruleText() {
        assertEquals("must be a mainland mobile number: 11 digits starting with 1", MobilePhone.RULE);
    }
}

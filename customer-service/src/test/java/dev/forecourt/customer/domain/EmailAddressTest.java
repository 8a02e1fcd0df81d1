package dev.forecourt.customer.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EmailAddressTest {

    @Test
    void trimsAndLowerCases() {
        assertEquals(Optional.of("wang.li@example.com.cn"), EmailAddress.normalise("  Wang.Li@Example.COM.cn "));
        assertEquals(Optional.of("a+tag@b.co"), EmailAddress.normalise("a+tag@b.co"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "plainaddress", "@example.com", "a@b@example.com", "a@localhost",
            "a b@example.com", "a@exa mple.com", "a@.com", "a@example.", "a@example..com", "a@"})
    void rejectsImplausible(String raw) {
        assertEquals(Optional.empty(), EmailAddress.normalise(raw));
    }

    @Test
    void rejectsNull() {
        assertEquals(Optional.empty(), EmailAddress.normalise(null));
    }

    @Test
    void lengthLimitIs254() {
        String domain = "@example.com"; // 12 characters
        String ok = "a".repeat(254 - domain.length()) + domain;
        assertEquals(254, ok.length());
        assertEquals(Optional.of(ok), EmailAddress.normalise(ok));
        assertEquals(Optional.empty(), EmailAddress.normalise("a" + ok));
        // The limit applies after trimming.
        assertEquals(Optional.of(ok), EmailAddress.normalise("  " + ok + "  "));
    }
}

package dev.forecourt.customer.domain;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Optional;

/**
 * Mainland resident ID-card number (GB 11643): 6-digit region code, 8-digit birth date
 * (yyyyMMdd), 3-digit sequence, and an ISO 7064 MOD 11-2 check character.
 */
public final class IdCardNumber {

    private static final java.util.regex.Pattern SHAPE = java.util.regex.Pattern.compile("[0-9]{17}[0-9X]");
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    /** Check character indexed by the weighted sum mod 11. */
    private static final String CHECK_CHARS = "10X98765432";

    private IdCardNumber() {
    }

    /**
     * Trims and upper-cases, so a check character typed as lower-case {@code x} matches;
     * {@code null} stays {@code null}.
     */
    public static String normalise(String raw) {
        return raw == null ? null : raw.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * Why the (already normalised) number is not acceptable, or empty when it is.
     * The birth date is only checked to be a real calendar date, not against today: the rules
     * here take no clock, and the issuing authority never produces a future date anyway.
     */
    public static Optional<String> violation(String id) {
        if (id == null || !SHAPE.matcher(id).matches()) {
            return Optional.of("must be 18 characters: 17 digits and a check digit (0-9 or X)");
        }
        if (!isDate(id.substring(6, 14))) {
            return Optional.of("birth date (characters 7-14) is not a valid date");
        }
        char expected = checkCharacter(id.substring(0, 17));
        if (id.charAt(17) != expected) {
            return Optional.of("check digit should be '" + expected + "'");
        }
        return Optional.empty();
    }

    /** The MOD 11-2 check character for the first 17 digits (used to build valid numbers, e.g. test data). */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARS.charAt(sum % 11);
    }

    private static boolean isDate(String yyyyMMdd) {
        try {
            LocalDate.of(Integer.parseInt(yyyyMMdd.substring(0, 4)),
                    Integer.parseInt(yyyyMMdd.substring(4, 6)),
                    Integer.parseInt(yyyyMMdd.substring(6, 8)));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }
}

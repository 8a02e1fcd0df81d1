package dev.forecourt.platform.vehicle;

import java.util.Locale;
import java.util.Optional;

/**
 * Vehicle identification number rules (ISO 3779 / GB 16735, North-American check digit).
 *
 * <p>Position 9 is a check digit computed from the other 16 characters, so a single mistyped
 * character is caught at entry time instead of creating a second record for the same vehicle
 * (the VIN is one of the keys identity resolution matches on). Shared by every service that takes
 * VINs in (customer records, sales orders, test drives), so one service never accepts a VIN another
 * refuses when it consumes the event.
 */
public final class Vin {

    public static final int LENGTH = 17;

    /** Position weights; position 9 (the check digit itself) has weight 0. */
    private static final int[] WEIGHTS = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};

    private Vin() {
    }

    /** Trims and upper-cases; {@code null} stays {@code null}. */
    public static String normalise(String raw) {
        return raw == null ? null : raw.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * Why the (already normalised) VIN is not acceptable, or empty when it is.
     * Checks run from the coarsest to the finest so the reason names the first real problem.
     */
    public static Optional<String> violation(String vin) {
        if (vin == null || vin.length() != LENGTH) {
            return Optional.of("must be 17 characters");
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = vin.charAt(i);
            if (!(c >= 'A' && c <= 'Z') && !(c >= '0' && c <= '9')) {
                return Optional.of("must use only letters A-Z and digits");
            }
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = vin.charAt(i);
            // I, O and Q are never used because they are too easily read as 1 and 0.
            if (c == 'I' || c == 'O' || c == 'Q') {
                return Optional.of("must not contain I, O or Q");
            }
        }
        // Placeholders such as 11111111111111111 pass the check digit but are not real vehicles.
        if (vin.chars().allMatch(c -> c == vin.charAt(0))) {
            return Optional.of("must not be one repeated character");
        }
        char expected = checkDigit(vin);
        if (vin.charAt(8) != expected) {
            return Optional.of("check digit (position 9) should be '" + expected + "'");
        }
        return Optional.empty();
    }

    /**
     * The check digit position 9 should hold: each character is transliterated (digits as
     * themselves, letters by the table in DOMAIN.md), multiplied by its position weight, and the
     * sum taken mod 11; a remainder of 10 is written {@code X}. The character currently at
     * position 9 does not matter (its weight is 0).
     *
     * @throws IllegalArgumentException if the VIN is not 17 characters of A-Z (without I, O, Q)
     *                                  and digits
     */
    public static char checkDigit(String vin) {
        if (vin == null || vin.length() != LENGTH) {
            throw new IllegalArgumentException("a VIN must be 17 characters: " + vin);
        }
        int sum = 0;
        for (int i = 0; i < LENGTH; i++) {
            sum += transliterate(vin.charAt(i)) * WEIGHTS[i];
        }
        int remainder = sum % 11;
        return remainder == 10 ? 'X' : (char) ('0' + remainder);
    }

    private static int transliterate(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        return switch (c) {
            case 'A', 'J' -> 1;
            case 'B', 'K', 'S' -> 2;
            case 'C', 'L', 'T' -> 3;
            case 'D', 'M', 'U' -> 4;
            case 'E', 'N', 'V' -> 5;
            case 'F', 'W' -> 6;
            case 'G', 'P', 'X' -> 7;
            case 'H', 'Y' -> 8;
            case 'R', 'Z' -> 9;
            default -> throw new IllegalArgumentException("not a VIN character: '" + c + "'");
        };
    }
}

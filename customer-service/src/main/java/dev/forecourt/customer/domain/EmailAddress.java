package dev.forecourt.customer.domain;

import java.util.Locale;
import java.util.Optional;

/**
 * A deliberately loose plausibility check: full RFC 5322 validation rejects nothing that
 * matters here, and the only real proof an address works is a delivered message.
 */
public final class EmailAddress {

    /** Longest address that fits in an SMTP forward-path (RFC 5321). */
    public static final int MAX_LENGTH = 254;

    private EmailAddress() {
    }

    /**
     * Trimmed and lower-cased, or empty when not plausibly an address: exactly one {@code @},
     * a non-empty local part, a domain containing a dot (and no empty label, so neither
     * {@code a@.com}, {@code a@b.} nor {@code a@b..com}), no whitespace, at most 254 characters.
     * The whole address is lower-cased, although the local part is case-sensitive in theory,
     * because in practice mailbox providers ignore case and matching needs one spelling.
     */
    public static Optional<String> normalise(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.length() > MAX_LENGTH || s.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@')) {
            return Optional.empty();
        }
        String domain = s.substring(at + 1);
        if (!domain.contains(".") || domain.startsWith(".") || domain.endsWith(".")
                || domain.contains("..")) {
            return Optional.empty();
        }
        return Optional.of(s);
    }
}

package dev.forecourt.customer.domain;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Mainland China mobile numbers, stored in E.164 ({@code +86} followed by the 11 digits) so the
 * same phone typed in different ways matches during identity resolution.
 */
public final class MobilePhone {

    public static final String RULE = "must be a mainland mobile number: 11 digits starting with 1";

    /** 11 digits, first 1, second 3-9 (no mainland mobile ranges start 10, 11 or 12). */
    private static final Pattern MAINLAND_MOBILE = Pattern.compile("1[3-9][0-9]{9}");
    /** Separators people type inside a number; anything else makes the input invalid. */
    private static final Pattern SEPARATORS = Pattern.compile("[\\s-]");

    private MobilePhone() {
    }

    /**
     * The number as {@code +86XXXXXXXXXXX}, or empty when the input is not a mainland mobile
     * number. Accepted country-code forms: {@code +86}, {@code 0086}, or a bare {@code 86} in
     * front of the 11 digits; spaces and hyphens anywhere are ignored.
     */
    public static Optional<String> toE164(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = SEPARATORS.matcher(raw).replaceAll("");
        if (s.startsWith("+86")) {
            s = s.substring(3);
        } else if (s.startsWith("0086")) {
            s = s.substring(4);
        } else if (s.length() == 13 && s.startsWith("86")) {
            s = s.substring(2);
        }
        return MAINLAND_MOBILE.matcher(s).matches() ? Optional.of("+86" + s) : Optional.empty();
    }
}

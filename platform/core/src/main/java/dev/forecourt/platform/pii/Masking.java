package dev.forecourt.platform.pii;

/**
 * Masked forms of personal data for screens, logs and exports where the full value is not
 * needed. Every method returns null for null.
 */
public final class Masking {

    private static final int NAME_MAX_STARS = 3;

    private Masking() {
    }

    /**
     * A mainland mobile number (11 digits starting with 1, optionally {@code +86}/{@code 0086},
     * spaces or hyphens allowed) keeps its first 3 and last 4 digits: {@code "+8613812345678"} and
     * {@code "13812345678"} become {@code "138****5678"}. Any other number keeps only its last 4
     * digits, the other digits starred and formatting dropped ({@code "+44 20 7946 0958"} becomes
     * {@code "********0958"}); a number of 4 digits or fewer is starred whole.
     */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        String digits = digitsOf(phone);
        String trimmed = phone.strip();
        String national = digits;
        if ((trimmed.startsWith("+86") && digits.startsWith("86"))) {
            national = digits.substring(2);
        } else if (trimmed.startsWith("0086") && digits.startsWith("0086")) {
            national = digits.substring(4);
        }
        if (national.length() == 11 && national.charAt(0) == '1') {
            return national.substring(0, 3) + "****" + national.substring(7);
        }
        if (digits.isEmpty()) {
            return stars(trimmed.length());
        }
        if (digits.length() <= 4) {
            return stars(digits.length());
        }
        return stars(digits.length() - 4) + digits.substring(digits.length() - 4);
    }

    /**
     * First 3 and last 4 characters, the rest starred, same length:
     * {@code "110101199001011234"} becomes {@code "110***********1234"}. Values of 7 characters or
     * fewer are starred whole.
     */
    public static String idNumber(String idNumber) {
        if (idNumber == null) {
            return null;
        }
        int length = idNumber.length();
        if (length <= 7) {
            return stars(length);
        }
        return idNumber.substring(0, 3) + stars(length - 7) + idNumber.substring(length - 4);
    }

    /**
     * First character of the local part, {@code "***@"}, then the domain:
     * {@code "zhang.san@example.com"} becomes {@code "z***@example.com"}. Without an {@code @}
     * the whole value is treated as a local part ({@code "z***"}).
     */
    public static String email(String email) {
        if (email == null) {
            return null;
        }
        int at = email.lastIndexOf('@');
        String local = at < 0 ? email : email.substring(0, at);
        String head = local.isEmpty() ? "" : local.substring(0, local.offsetByCodePoints(0, 1));
        return at < 0 ? head + "***" : head + "***@" + email.substring(at + 1);
    }

    /**
     * First character, then one star per remaining character, at most 3 stars:
     * {@code "张三丰"} becomes {@code "张**"}, {@code "Jonathan"} becomes {@code "J***"}.
     */
    public static String name(String name) {
        if (name == null) {
            return null;
        }
        String trimmed = name.strip();
        int count = trimmed.codePointCount(0, trimmed.length());
        if (count == 0) {
            return trimmed;
        }
        String first = trimmed.substring(0, trimmed.offsetByCodePoints(0, 1));
        return first + stars(Math.min(count - 1, NAME_MAX_STARS));
    }

    private static String digitsOf(String value) {
        StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static String stars(int n) {
        return "*".repeat(Math.max(n, 0));
    }
}

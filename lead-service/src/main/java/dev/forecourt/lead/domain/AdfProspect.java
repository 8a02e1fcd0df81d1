package dev.forecourt.lead.domain;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/**
 * One lead from an ADF document (DOMAIN.md §2), flattened to what lead-service stores. Text
 * fields are trimmed and null when absent or blank.
 *
 * @param index    1-based position of the {@code <prospect>} in its document, for error reports
 * @param interest the vehicle's {@code interest} attribute, lower-cased (ADF's default "buy"
 *                 when a vehicle has none); null without a vehicle
 * @param timeframe the timeframe description and earliest/latest dates, joined into one text
 * @param vendor   the dealer the lead is addressed to ({@code vendorname}, else its contact's name)
 * @param provider who sent the lead (the portal or OEM)
 */
public record AdfProspect(int index, OffsetDateTime requestDate, String interest, Integer year, String make,
                          String model, String vin, String trim, String colour, BigDecimal price, String firstName,
                          String lastName, String fullName, String email, String phone, String timeframe,
                          String comments, String vendor, String provider) {

    /**
     * The customer's name for display: {@code fullName} when given, otherwise the parts joined.
     * Chinese (and Japanese / Korean) names are written family name first with no space, so
     * when both parts are in CJK script the result is last + first ("王" + "小明" = "王小明");
     * otherwise it is "first last" with a space. Empty when there is no name at all.
     */
    public String name() {
        return displayName(firstName, lastName, fullName);
    }

    /** {@link #name()} for any set of ADF name parts (also used for vendor and provider contacts). */
    static String displayName(String firstName, String lastName, String fullName) {
        if (present(fullName)) {
            return fullName.trim();
        }
        String first = present(firstName) ? firstName.trim() : "";
        String last = present(lastName) ? lastName.trim() : "";
        if (!first.isEmpty() && !last.isEmpty() && isCjk(first) && isCjk(last)) {
            return last + first;
        }
        return (first + " " + last).trim();
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /**
     * True when every character is Han, kana or Hangul, or the middle dot used in Chinese
     * renderings of minority and foreign names (阿依古丽·买买提).
     */
    static boolean isCjk(String s) {
        return !s.isEmpty() && s.codePoints().allMatch(cp -> {
            if (cp == '\u00B7' || cp == '\u30FB') { // middle dot, katakana middle dot
                return true;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(cp);
            return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                    || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
        });
    }
}

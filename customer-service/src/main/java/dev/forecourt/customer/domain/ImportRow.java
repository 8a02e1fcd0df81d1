package dev.forecourt.customer.domain;

import dev.forecourt.platform.vehicle.Vin;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One customer (with at most one vehicle) of a bulk import, checked by the same rules as the
 * API: a row either becomes a valid {@code ImportRow} or is rejected with the reason, before
 * anything is written.
 */
public record ImportRow(long line, Customer.Kind kind, String name, String phone, String email, String idNumber,
                        Customer.Gender gender, LocalDate birthDate, String province, String city, String district,
                        String sourceChannel, String vin, String plate, String brand, String series, String model,
                        LocalDate purchaseDate, boolean soldByUs) {

    /** The columns (CSV header names, NDJSON field names) an import understands. */
    public static final List<String> COLUMNS = List.of("kind", "name", "phone", "email", "idNumber", "gender",
            "birthDate", "province", "city", "district", "sourceChannel", "vin", "plate", "brand", "series", "model",
            "purchaseDate", "soldByUs");

    private static final java.util.regex.Pattern SOURCE_CODE = java.util.regex.Pattern.compile("[A-Z_]{1,32}");

    /** A parsed row or the reason it was rejected. */
    public record Parsed(ImportRow row, String rejection) {
    }

    public static Parsed parse(long line, Map<String, String> f) {
        try {
            String name = text(f, "name");
            if (name == null) {
                return reject("name: is required");
            }
            if (name.length() > 128) {
                return reject("name: at most 128 characters");
            }
            Customer.Kind kind = enumOf(Customer.Kind.class, text(f, "kind"), "kind", Customer.Kind.INDIVIDUAL);
            String phone = null;
            String rawPhone = text(f, "phone");
            if (rawPhone != null) {
                Optional<String> e164 = MobilePhone.toE164(rawPhone);
                if (e164.isEmpty()) {
                    return reject("phone: " + MobilePhone.RULE);
                }
                phone = e164.get();
            }
            String email = null;
            String rawEmail = text(f, "email");
            if (rawEmail != null) {
                Optional<String> e = EmailAddress.normalise(rawEmail);
                if (e.isEmpty()) {
                    return reject("email: must be an email address such as name@example.com");
                }
                email = e.get();
            }
            String idNumber = IdCardNumber.normalise(text(f, "idNumber"));
            if (idNumber != null) {
                Optional<String> v = IdCardNumber.violation(idNumber);
                if (v.isPresent()) {
                    return reject("idNumber: " + v.get());
                }
            }
            if (phone == null && idNumber == null) {
                return reject("phone: a phone or an ID number is required to recognise the customer");
            }
            String vin = Vin.normalise(text(f, "vin"));
            if (vin != null) {
                Optional<String> v = Vin.violation(vin);
                if (v.isPresent()) {
                    return reject("vin: " + v.get());
                }
            }
            String source = text(f, "sourceChannel");
            if (source != null && !SOURCE_CODE.matcher(source).matches()) {
                return reject("sourceChannel: must be an upper-case code such as SHOWROOM");
            }
            boolean soldByUs = bool(f, "soldByUs");
            if (soldByUs && vin == null) {
                return reject("soldByUs: a car sold by us needs its vin");
            }
            LocalDate birthDate = date(f, "birthDate");
            if (birthDate != null && !birthDate.isBefore(LocalDate.now())) {
                return reject("birthDate: must be in the past"); // as the API's @Past
            }
            return new Parsed(new ImportRow(line, kind, name, phone, email, idNumber,
                    enumOf(Customer.Gender.class, text(f, "gender"), "gender", null), birthDate,
                    limit(f, "province", 64), limit(f, "city", 64), limit(f, "district", 64), source, vin,
                    limit(f, "plate", 16), limit(f, "brand", 64), limit(f, "series", 64), limit(f, "model", 64),
                    date(f, "purchaseDate"), soldByUs), null);
        } catch (IllegalArgumentException e) {
            return reject(e.getMessage());
        }
    }

    private static Parsed reject(String reason) {
        return new Parsed(null, reason);
    }

    private static String text(Map<String, String> f, String column) {
        String v = f.get(column);
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String limit(Map<String, String> f, String column, int max) {
        String v = text(f, column);
        if (v != null && v.length() > max) {
            throw new IllegalArgumentException(column + ": at most " + max + " characters");
        }
        return v;
    }

    /** An optional true/false column (absent or empty: false). */
    private static boolean bool(Map<String, String> f, String column) {
        String v = text(f, column);
        if (v == null || v.equalsIgnoreCase("false")) {
            return false;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        throw new IllegalArgumentException(column + ": must be true or false");
    }

    private static LocalDate date(Map<String, String> f, String column) {
        String v = text(f, column);
        try {
            return v == null ? null : isoDate(v);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(column + ": must be a date such as 2024-05-31");
        }
    }

    /**
     * {@link LocalDate#parse} with a fast path for the plain yyyy-MM-dd form: the formatter's parse
     * allocated 7 % of a million-row import's memory (JFR), two dates a row. Same dates, same refusals.
     */
    static LocalDate isoDate(String v) {
        if (v.length() == 10 && v.charAt(4) == '-' && v.charAt(7) == '-') {
            int year = digits(v, 0, 4);
            int month = digits(v, 5, 7);
            int day = digits(v, 8, 10);
            if (year >= 0 && month >= 0 && day >= 0) {
                return LocalDate.of(year, month, day); // a month or day out of range throws DateTimeException
            }
        }
        return LocalDate.parse(v);
    }

    /** The number in v[from, to) when it is all ASCII digits, else -1. */
    private static int digits(String v, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, String value, String column, E otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(column + ": must be one of " + List.of(type.getEnumConstants()));
        }
    }
}

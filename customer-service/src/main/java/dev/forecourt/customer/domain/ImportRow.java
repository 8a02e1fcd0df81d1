package dev.forecourt.customer.domain;

import dev.forecourt.platform.vehicle.Vin;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
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
                        LocalDate purchaseDate) {

    /** The columns (CSV header names, NDJSON field names) an import understands. */
    public static final List<String> COLUMNS = List.of("kind", "name", "phone", "email", "idNumber", "gender",
            "birthDate", "province", "city", "district", "sourceChannel", "vin", "plate", "brand", "series", "model",
            "purchaseDate");

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
            LocalDate birthDate = date(f, "birthDate");
            if (birthDate != null && !birthDate.isBefore(LocalDate.now())) {
                return reject("birthDate: must be in the past"); // as the API's @Past
            }
            return new Parsed(new ImportRow(line, kind, name, phone, email, idNumber,
                    enumOf(Customer.Gender.class, text(f, "gender"), "gender", null), birthDate,
                    limit(f, "province", 64), limit(f, "city", 64), limit(f, "district", 64), source, vin,
                    limit(f, "plate", 16), limit(f, "brand", 64), limit(f, "series", 64), limit(f, "model", 64),
                    date(f, "purchaseDate")), null);
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

    private static LocalDate date(Map<String, String> f, String column) {
        String v = text(f, column);
        try {
            return v == null ? null : LocalDate.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(column + ": must be a date such as 2024-05-31");
        }
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

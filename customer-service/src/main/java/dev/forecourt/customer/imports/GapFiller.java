package dev.forecourt.customer.imports;

import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.ImportRow;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What import rows give a customer, beyond new phones, emails, ID number and vehicle: the values the
 * record lacks. The record's own values always win (they may have been corrected by staff; a file is
 * a copy from elsewhere), so only empty fields are filled, each from the first of the customer's rows
 * (in file order) that has it. The address is one unit: filled only when province, city and district
 * are all empty, and then from one row, so a record never mixes a city from the file with a province
 * of its own or of another row. The same rule merges a new customer's later rows in its chunk into
 * the record its first row creates ({@link #merged}).
 */
final class GapFiller {

    /** A customer's filled fields: field name (as in the API and the history) → value written. */
    record Fill(UUID customerId, Map<String, String> fields) {
    }

    /** What was filled, and the new version of every existing customer the chunk changed. */
    record Result(List<Fill> fills, Map<UUID, Long> versions) {
    }

    /** The fields an import fills when empty; null where the record (or row) has no value. */
    record Fillable(String gender, LocalDate birthDate, String province, String city, String district,
                    String sourceChannel) {

        static Fillable of(ImportRow r) {
            return new Fillable(r.gender() == null ? null : r.gender().name(), r.birthDate(), r.province(), r.city(),
                    r.district(), r.sourceChannel());
        }

        boolean hasAddress() {
            return province != null || city != null || district != null;
        }
    }

    private GapFiller() {
    }

    /**
     * The fields to fill in a record from its rows, in file order: field name (as in the API and the
     * history) → value. Plain rules, no database.
     */
    static Map<String, String> fill(Fillable record, List<ImportRow> rows) {
        Map<String, String> filled = new LinkedHashMap<>();
        boolean needsAddress = !record.hasAddress();
        for (ImportRow row : rows) {
            Fillable r = Fillable.of(row);
            if (record.gender() == null && r.gender() != null) filled.putIfAbsent("gender", r.gender());
            if (record.birthDate() == null && r.birthDate() != null) filled.putIfAbsent("birthDate", r.birthDate().toString());
            if (needsAddress && r.hasAddress()) {
                if (r.province() != null) filled.put("province", r.province());
                if (r.city() != null) filled.put("city", r.city());
                if (r.district() != null) filled.put("district", r.district());
                needsAddress = false;
            }
            if (record.sourceChannel() == null && r.sourceChannel() != null) filled.putIfAbsent("sourceChannel", r.sourceChannel());
        }
        return filled;
    }

    /** A new customer's first row, its empty fields filled from the customer's later rows in the chunk. */
    static ImportRow merged(List<ImportRow> rows) {
        ImportRow first = rows.get(0);
        if (rows.size() == 1) {
            return first;
        }
        Map<String, String> f = fill(Fillable.of(first), rows.subList(1, rows.size()));
        if (f.isEmpty()) {
            return first;
        }
        return new ImportRow(first.line(), first.kind(), first.name(), first.phone(), first.email(), first.idNumber(),
                f.containsKey("gender") ? Customer.Gender.valueOf(f.get("gender")) : first.gender(),
                f.containsKey("birthDate") ? LocalDate.parse(f.get("birthDate")) : first.birthDate(),
                f.getOrDefault("province", first.province()), f.getOrDefault("city", first.city()),
                f.getOrDefault("district", first.district()), f.getOrDefault("sourceChannel", first.sourceChannel()),
                first.vin(), first.plate(), first.brand(), first.series(), first.model(), first.purchaseDate(),
                rows.stream().anyMatch(ImportRow::soldByUs)); // any of its cars bought from us makes an owner
    }

    /**
     * Locks the existing customers the chunk matched, fills their empty fields from their rows
     * ({@link #fill}) and moves the version of each one the chunk changed
     * (filled, or given a phone, email, ID number or vehicle), so that a client holding the old ETag
     * gets 412 and the updated event carries the version it describes. Customers created in this
     * chunk are not in the table yet and come back from neither.
     */
    static Result update(Connection c, Map<UUID, List<ImportRow>> rows, Set<UUID> extended) throws SQLException {
        List<Fill> fills = new ArrayList<>();
        Map<UUID, Long> versions = new HashMap<>();
        if (rows.isEmpty()) {
            return new Result(fills, versions);
        }
        try (PreparedStatement s = c.prepareStatement("SELECT id, gender, birth_date, province, city, district,"
                + " source_channel, version FROM customer WHERE id = ANY(?) ORDER BY id FOR UPDATE")) {
            s.setArray(1, c.createArrayOf("uuid", rows.keySet().toArray()));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    UUID id = (UUID) r.getObject(1);
                    Date birth = r.getDate(3);
                    Fillable record = new Fillable(r.getString(2), birth == null ? null : birth.toLocalDate(),
                            r.getString(4), r.getString(5), r.getString(6), r.getString(7));
                    Map<String, String> filled = fill(record, rows.get(id));
                    if (!filled.isEmpty()) {
                        fills.add(new Fill(id, filled));
                    }
                    if (!filled.isEmpty() || extended.contains(id)) {
                        versions.put(id, r.getLong(8) + 1);
                    }
                }
            }
        }
        if (versions.isEmpty()) {
            return new Result(fills, versions);
        }
        Map<UUID, Map<String, String>> byCustomer = new HashMap<>();
        fills.forEach(f -> byCustomer.put(f.customerId(), f.fields()));
        // COALESCE keeps a value that is there; the row lock above means none arrived since the read.
        try (PreparedStatement s = c.prepareStatement("UPDATE customer SET gender = COALESCE(gender, ?),"
                + " birth_date = COALESCE(birth_date, ?), province = COALESCE(province, ?), city = COALESCE(city, ?),"
                + " district = COALESCE(district, ?), source_channel = COALESCE(source_channel, ?),"
                + " version = ?, updated_at = now() WHERE id = ?")) {
            for (Map.Entry<UUID, Long> e : versions.entrySet()) {
                Map<String, String> v = byCustomer.getOrDefault(e.getKey(), Map.of());
                s.setString(1, v.get("gender"));
                s.setObject(2, v.containsKey("birthDate") ? Date.valueOf(v.get("birthDate")) : null, Types.DATE);
                s.setString(3, v.get("province"));
                s.setString(4, v.get("city"));
                s.setString(5, v.get("district"));
                s.setString(6, v.get("sourceChannel"));
                s.setLong(7, e.getValue());
                s.setObject(8, e.getKey());
                s.addBatch();
            }
            s.executeBatch();
        }
        return new Result(fills, versions);
    }
}

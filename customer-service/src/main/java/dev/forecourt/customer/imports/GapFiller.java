package dev.forecourt.customer.imports;

import dev.forecourt.customer.domain.ImportRow;

import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What an import row gives a customer the store already has, beyond new phones, emails, ID
 * number and vehicle: the values the record lacks. The record's own values always win (they may
 * have been corrected by staff; a file is a copy from elsewhere), so only empty fields are filled.
 * The address is one unit: filled only when province, city and district are all empty, so a
 * record never mixes a city from the file with a province of its own.
 */
final class GapFiller {

    /** A customer's filled fields: field name (as in the API and the history) → value written. */
    record Fill(UUID customerId, Map<String, String> fields) {
    }

    /** What was filled, and the new version of every existing customer the chunk changed. */
    record Result(List<Fill> fills, Map<UUID, Long> versions) {
    }

    private GapFiller() {
    }

    /**
     * Locks the existing customers the chunk matched, fills their empty fields from their rows (one
     * row per customer, the file's first) and moves the version of each one the chunk changed
     * (filled, or given a phone, email, ID number or vehicle), so that a client holding the old ETag
     * gets 412 and the updated event carries the version it describes. Customers created in this
     * chunk are not in the table yet and come back from neither.
     */
    static Result update(Connection c, Map<UUID, ImportRow> rows, Set<UUID> extended) throws SQLException {
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
                    ImportRow row = rows.get(id);
                    Map<String, String> filled = new LinkedHashMap<>();
                    if (r.getString(2) == null && row.gender() != null) filled.put("gender", row.gender().name());
                    if (r.getDate(3) == null && row.birthDate() != null) filled.put("birthDate", row.birthDate().toString());
                    boolean noAddress = r.getString(4) == null && r.getString(5) == null && r.getString(6) == null;
                    if (noAddress) {
                        if (row.province() != null) filled.put("province", row.province());
                        if (row.city() != null) filled.put("city", row.city());
                        if (row.district() != null) filled.put("district", row.district());
                    }
                    if (r.getString(7) == null && row.sourceChannel() != null) filled.put("sourceChannel", row.sourceChannel());
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

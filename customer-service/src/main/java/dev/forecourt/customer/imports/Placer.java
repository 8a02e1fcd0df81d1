package dev.forecourt.customer.imports;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Decides each accepted row's customer: the store's customer with the row's ID number, else its
 * phone, else its VIN; otherwise a new customer, which later rows of the file with the same keys
 * join. Rows whose VIN belongs elsewhere are rejected. A chunk is placed in the transaction that
 * writes it, after the file's earlier chunks have committed, so the database shows their customers.
 */
final class Placer {

    /** An identifier a customer already has (so a row matching that customer adds only what is new). */
    record Held(UUID customerId, ByteBuffer hash) {
    }

    private Placer() {
    }

    /**
     * The match queries probe thousands of keys, mostly absent. Seeing that many, the planner chose
     * a parallel scan of every identifier (measured: 250 ms a chunk, growing with the table) over
     * index probes (45 ms); parallel workers alone cost 150 ms to start on a busy machine; and JIT
     * compiling the plan cost 20-40 ms. For the current transaction only.
     */
    static void tuneForProbes(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL enable_seqscan = off");
            s.execute("SET LOCAL max_parallel_workers_per_gather = 0");
            s.execute("SET LOCAL jit = off");
        }
    }

    /**
     * Sets each accepted row's customer (or rejects the row), in the transaction that writes the rows;
     * returns the identifiers the matched customers already hold.
     */
    static Set<Held> place(Connection c, String storeId, List<ImportItem> chunk, Phases phases) throws SQLException {
        long t = System.nanoTime();
        List<ImportItem> valid = chunk.stream().filter(ImportItem::accepted).toList();
        Map<ByteBuffer, UUID> known = new HashMap<>();
        List<byte[]> keys = new ArrayList<>(valid.size() * 2);
        for (ImportItem i : valid) {
            if (i.idHash != null) keys.add(i.idHash);
            if (i.phoneHash != null) keys.add(i.phoneHash);
        }
        if (!keys.isEmpty()) {
            // Two plain look-ups rather than one join: with a join, statistics taken before a big
            // import (the store nearly empty) made the planner walk the store's customers and test
            // every key against each (measured: 20 s a chunk once the store had grown).
            // A key may have several owners: the same phone in two stores, a merged record beside its
            // survivor, duplicates not merged yet. Each is kept, then the store's oldest live one wins,
            // as in find-or-create (IdentityResolution).
            Map<ByteBuffer, List<UUID>> owners = new HashMap<>();
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT value_hash, customer_id FROM customer_identifier WHERE value_hash = ANY(?)")) {
                s.setArray(1, c.createArrayOf("bytea", keys.toArray(new byte[0][])));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        owners.computeIfAbsent(ByteBuffer.wrap(r.getBytes(1)), k -> new ArrayList<>(1)).add((UUID) r.getObject(2));
                    }
                }
            }
            if (!owners.isEmpty()) {
                Map<UUID, Timestamp> inStore = new HashMap<>(); // live customers of the store, with when they were created
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT id, created_at FROM customer WHERE id = ANY(?) AND store_id = ? AND merged_into IS NULL")) {
                    s.setArray(1, c.createArrayOf("uuid", owners.values().stream().flatMap(List::stream).distinct().toArray()));
                    s.setString(2, storeId);
                    try (ResultSet r = s.executeQuery()) {
                        while (r.next()) inStore.put((UUID) r.getObject(1), r.getTimestamp(2));
                    }
                }
                Comparator<UUID> oldestFirst = Comparator.comparing(inStore::get);
                owners.forEach((hash, candidates) -> candidates.stream().filter(inStore::containsKey)
                        .min(oldestFirst.thenComparing(Comparator.naturalOrder())).ifPresent(owner -> known.put(hash, owner)));
            }
        }
        t = phases.lap("match identifiers", t);
        Map<String, UUID> vinOwner = new HashMap<>();
        Map<String, String> vinStore = new HashMap<>();
        List<String> vins = valid.stream().map(i -> i.row.vin()).filter(v -> v != null).distinct().toList();
        if (!vins.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("SELECT vin, owner_id, store_id FROM vehicle WHERE vin = ANY(?)")) {
                s.setArray(1, c.createArrayOf("text", vins.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        vinOwner.put(r.getString(1), (UUID) r.getObject(2));
                        vinStore.put(r.getString(1), r.getString(3));
                    }
                }
            }
        }
        t = phases.lap("match vins", t);
        Set<UUID> existing = new HashSet<>(known.values());
        existing.addAll(vinOwner.values());
        for (ImportItem i : valid) {
            UUID target = null;
            if (i.idHash != null) target = known.get(ByteBuffer.wrap(i.idHash));
            if (target == null && i.phoneHash != null) target = known.get(ByteBuffer.wrap(i.phoneHash));
            String vin = i.row.vin();
            i.vinIsNew = vin != null && !vinOwner.containsKey(vin);
            if (vin != null && vinOwner.containsKey(vin)) {
                UUID owner = vinOwner.get(vin);
                if (!storeId.equals(vinStore.get(vin))) {
                    i.rejectPlacement("vin: already registered to a customer of another store");
                    continue;
                }
                if (target == null) {
                    target = owner;
                } else if (!target.equals(owner)) {
                    i.rejectPlacement("vin: registered to a different customer than the one this row's phone or ID number matches");
                    continue;
                }
            }
            if (target == null) {
                target = ImportJobs.uuid7();
                i.isNew = true;
            }
            i.customerId = target;
            if (i.idHash != null) known.putIfAbsent(ByteBuffer.wrap(i.idHash), target);
            if (i.phoneHash != null) known.putIfAbsent(ByteBuffer.wrap(i.phoneHash), target);
            if (vin != null) {
                vinOwner.putIfAbsent(vin, target);
                vinStore.putIfAbsent(vin, storeId);
            }
        }
        // What the matched existing customers already hold: usually few customers, so one small query.
        Set<Held> held = new HashSet<>();
        existing.retainAll(valid.stream().filter(i -> i.accepted() && !i.isNew).map(i -> i.customerId).toList());
        if (!existing.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT customer_id, value_hash FROM customer_identifier WHERE customer_id = ANY(?)")) {
                s.setArray(1, c.createArrayOf("uuid", existing.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) held.add(new Held((UUID) r.getObject(1), ByteBuffer.wrap(r.getBytes(2))));
                }
            }
        }
        phases.lap("match held", t);
        return held;
    }
}

package dev.forecourt.customer.imports;

import org.postgresql.PGStatement;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The identifier hashes and VINs the database may hold, for a large import: a Bloom filter of the
 * keys present when the job started, the keys others added since (the {@code key_added} log, V11)
 * and the job's own. A key it does not hold is certainly not in the database, so a chunk asks the
 * database only about the others (at twelve bits a key, about 1 in 200 absent keys). Measured with the
 * import bench: probing every phone, ID number and VIN of a million rows was a quarter of the job.
 *
 * <p>What is missed is what the log does not show: another import's keys (imports do not log theirs).
 * So before each chunk, {@link #catchUp} also checks that no other import has run since the filter
 * was loaded; if one has, the job drops the filter and probes every key, as without it.
 *
 * <p>Used by the job's writing thread only.
 */
final class KnownKeys {

    /** About 0.5 % of absent keys pass at 12 bits a key (the filter test measures it). */
    private static final int BITS_PER_KEY = 12;
    private static final int WORDS_PER_BLOCK = 8;
    /** Larger filters are not built (the job probes every key): 32 MiB, some 22 million keys. */
    static final long MAX_BITS = 32L * 8 * 1024 * 1024;
    /**
     * A transaction that logged a key before the filter was loaded but committed after it is still
     * read, if it took less than this.
     */
    private static final String LOG_MARGIN = "1 hour";
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final long[] words;
    private final long blocks;
    private final UUID jobId;
    private OffsetDateTime loadedAt;
    private boolean off; // another import ran since the filter was loaded: every key may be held

    KnownKeys(long expectedKeys, UUID jobId) {
        this.blocks = Math.max(1, (expectedKeys * BITS_PER_KEY + 511) / 512);
        this.words = new long[(int) (blocks * WORDS_PER_BLOCK)];
        this.jobId = jobId;
    }

    /**
     * Whether a filter pays for an import of about {@code fileRows} rows: loading it reads every key
     * in the database (about a microsecond each, measured), a probe costs several (4-7 µs a key in
     * the import bench), and a row has up to three keys to probe. Below {@code minRows} an import
     * always probes; a {@code minRows} of 0 or less builds the filter for every import (tests do).
     */
    static boolean pays(long fileRows, long minRows, long keysInDatabase) {
        return minRows <= 0 || fileRows >= minRows && fileRows * 3 * 4 >= keysInDatabase;
    }

    /** The keys in the database now, as the planner's statistics count them (cheap, approximate). */
    static long keysInDatabase(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT coalesce(sum(greatest(reltuples, 0)), 0)"
                + " FROM pg_class WHERE oid IN ('customer_identifier'::regclass, 'vehicle'::regclass)")) {
            r.next();
            return r.getLong(1);
        }
    }

    /**
     * Loads every identifier hash and VIN in the database into a filter sized for about
     * {@code keysInDatabase} of them and {@code expectedNewKeys} more; null when that would be
     * larger than {@link #MAX_BITS}.
     */
    static KnownKeys load(Connection c, UUID jobId, long keysInDatabase, long expectedNewKeys) throws SQLException {
        long expected = keysInDatabase + expectedNewKeys;
        if (expected * BITS_PER_KEY > MAX_BITS) {
            return null;
        }
        KnownKeys keys = new KnownKeys(expected, jobId);
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false); // a cursor: the keys arrive in batches, not all at once
        try {
            keys.loadedAt = now(c); // before the scans' snapshots
            try (PreparedStatement s = c.prepareStatement("SELECT value_hash FROM customer_identifier")) {
                forBinaryScan(s);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) keys.add(r.getBytes(1));
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT vin FROM vehicle")) {
                forBinaryScan(s);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) keys.add(r.getString(1));
                }
            }
            c.commit();
        } finally {
            c.setAutoCommit(autoCommit);
        }
        return keys;
    }

    /**
     * Adds the keys others logged since the filter was loaded, in the caller's transaction (so the
     * chunk's probes see at least what this saw). If another import ran in the meantime, whose keys
     * are in no log, the filter is turned off for good: it holds every key from then on.
     */
    void catchUp(Connection c) throws SQLException {
        if (off) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM import_job WHERE id <> ? AND started_at IS NOT NULL"
                + " AND (finished_at IS NULL OR finished_at >= ?) LIMIT 1")) {
            s.setObject(1, jobId);
            s.setObject(2, loadedAt);
            try (ResultSet r = s.executeQuery()) {
                if (r.next()) {
                    off = true;
                    return;
                }
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT value_hash, vin FROM key_added"
                + " WHERE added_at >= CAST(? AS timestamptz) - CAST('" + LOG_MARGIN + "' AS interval)")) {
            s.setObject(1, loadedAt);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byte[] hash = r.getBytes(1);
                    if (hash != null) add(hash);
                    String vin = r.getString(2);
                    if (vin != null) add(vin);
                }
            }
        }
    }

    /** False once another import has turned the filter off. */
    boolean on() {
        return !off;
    }

    /** An identifier's keyed hash (HMAC-SHA256: its bytes are already uniformly random). */
    void add(byte[] hash) {
        set((long) LONGS.get(hash, 0), (long) LONGS.get(hash, 8));
    }

    boolean mightHold(byte[] hash) {
        return off || test((long) LONGS.get(hash, 0), (long) LONGS.get(hash, 8));
    }

    void add(String vin) {
        long h = fnv(vin);
        set(mix(h), mix(h ^ 0x9E3779B97F4A7C15L));
    }

    boolean mightHold(String vin) {
        long h = fnv(vin);
        return off || test(mix(h), mix(h ^ 0x9E3779B97F4A7C15L));
    }

    // A blocked filter: a key's bits all lie in one block of 512 bits (one cache line), one bit in each
    // of its eight words, so adding or testing a key costs one cache miss rather than seven.
    private void set(long h1, long h2) {
        int base = block(h1);
        for (int i = 0; i < WORDS_PER_BLOCK; i++) {
            words[base + i] |= 1L << (h2 >>> (6 * i)); // bits 6i..6i+5 of h2 pick the word's bit
        }
    }

    private boolean test(long h1, long h2) {
        int base = block(h1);
        for (int i = 0; i < WORDS_PER_BLOCK; i++) {
            if ((words[base + i] & (1L << (h2 >>> (6 * i)))) == 0) {
                return false;
            }
        }
        return true;
    }

    private int block(long h1) {
        return (int) Math.unsignedMultiplyHigh(h1, blocks) * WORDS_PER_BLOCK;
    }

    private static long fnv(String s) {
        long h = 0xCBF29CE484222325L;
        for (int i = 0; i < s.length(); i++) {
            h = (h ^ s.charAt(i)) * 0x100000001B3L;
        }
        return h;
    }

    /** SplitMix64's finaliser: spreads FNV's weak high bits over the whole word. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static OffsetDateTime now(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT clock_timestamp()")) {
            r.next();
            return r.getObject(1, OffsetDateTime.class);
        }
    }

    /** Rows in batches through a cursor, bytea as bytes rather than hex text. */
    private static void forBinaryScan(PreparedStatement s) throws SQLException {
        s.setFetchSize(20_000);
        s.unwrap(PGStatement.class).setPrepareThreshold(-1); // -1: binary transfer from the first execution
    }
}

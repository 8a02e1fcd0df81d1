package dev.forecourt.platform.pii;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.function.Function;

/**
 * Key rotation, the re-encryption half. Once a new active key is configured (the old one kept so
 * its values stay readable), the values still sealed under an older key are opened and sealed
 * again under the active one, a batch per transaction, until the old key can be retired.
 *
 * <p>Stale values are found in SQL by their envelope's header (format version and key id), so
 * nothing is decrypted to find them. The table is walked a window of pages at a time (a TID range
 * scan), one transaction each. Rows are taken FOR UPDATE SKIP LOCKED: replicas may run it side by
 * side, and a row a user is changing right now is left for the next run. Each service
 * names its sealed columns in a {@link SealedColumns} bean; tables and columns come from code,
 * never from input. Runs hourly ({@code forecourt.key-rotation.every}).
 */
@ApplicationScoped
public class Resealer {

    private static final Logger LOG = Logger.getLogger(Resealer.class);

    /**
     * A sealed column: its table, the column, the column that repeats the key id (or null), and
     * the PiiCrypto context, fixed or chosen by the value of a discriminator column.
     */
    public record Column(String table, String column, String keyIdColumn, String discriminator,
                         Function<String, String> context) {

        public static Column of(String table, String column, String context) {
            return new Column(table, column, null, null, ignored -> context);
        }
    }

    /** One window's outcome: values resealed, and values that could not be opened (left as they are). */
    public record Batch(int resealed, int unreadable) {
    }

    @Inject
    EntityManager em;

    @Inject
    PiiCrypto crypto;

    @Inject
    Instance<SealedColumns> services;

    @Scheduled(every = "${forecourt.key-rotation.every:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        rotate();
    }

    /** Table pages per transaction: a TID range scan of about half a megabyte, a few thousand rows. */
    static final int WINDOW_PAGES = 64;

    /**
     * A rotation run over this service's sealed columns: reseals every stale value, then logs how
     * many were resealed and how many are still left (rows locked by a user meanwhile, or values
     * no configured key opens). Retire an old key once a run reports none left.
     */
    public long rotate() {
        long resealed = 0;
        long left = 0;
        for (Column c : services.stream().flatMap(s -> s.columns().stream()).toList()) {
            // Counted first: nearly every run finds nothing stale, and one scan then stands in for a walk of
            // the whole table and a second count (JFR: the walk's samples spanned 24 s after a start of
            // customer-service with a million customers; the first run is at start).
            if (stale(c) == 0) {
                continue;
            }
            resealed += reseal(c);
            left += stale(c);
        }
        if (resealed > 0 || left > 0) {
            LOG.infof("key rotation to %s: %d personal values resealed, %d still under an older key", crypto.activeKeyId(),
                    resealed, left);
        } else {
            LOG.debugf("key rotation to %s: nothing under an older key", crypto.activeKeyId());
        }
        return resealed;
    }

    /** Reseals one column's stale values, walking the table a window of pages per transaction; returns how many. */
    public long reseal(Column c) {
        long pages = pages(c);
        long resealed = 0;
        int unreadable = 0;
        // Rows added meanwhile land past the end and are sealed under the active key already.
        for (long page = 0; page <= pages; page += WINDOW_PAGES) {
            Batch b = reseal(c, page, page + WINDOW_PAGES);
            resealed += b.resealed();
            unreadable += b.unreadable();
        }
        if (unreadable > 0) {
            // Never the value: only where it is. An unknown key id means a key was removed too early.
            LOG.warnf("key rotation: %d values of %s.%s cannot be opened with the configured keys; left as they are",
                    unreadable, c.table(), c.column());
        }
        return resealed;
    }

    /** The table's size in pages now. */
    @Transactional
    public long pages(Column c) {
        return ((Number) em.createNativeQuery("SELECT pg_relation_size(CAST(?1 AS regclass))"
                + " / current_setting('block_size')::bigint").setParameter(1, c.table()).getSingleResult()).longValue();
    }

    /** How many values of a column are still under an older key (locked rows included). */
    @Transactional
    public long stale(Column c) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM " + c.table() + " WHERE " + c.column()
                + " IS NOT NULL AND substring(" + c.column() + " FROM 1 FOR " + crypto.activeHeader().length + ") <> ?1")
                .setParameter(1, crypto.activeHeader()).getSingleResult()).longValue();
    }

    /** Reseals the stale values of one column in table pages [fromPage, toPage), in one transaction. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Batch reseal(Column c, long fromPage, long toPage) {
        byte[] header = crypto.activeHeader();
        List<Object[]> rows = em.createNativeQuery("SELECT ctid::text, " + c.column() + ", "
                        + (c.discriminator() == null ? "NULL" : "CAST(" + c.discriminator() + " AS text)")
                        + " FROM " + c.table() + " WHERE ctid >= CAST(?2 AS tid) AND ctid < CAST(?3 AS tid)"
                        + " AND " + c.column() + " IS NOT NULL"
                        + " AND substring(" + c.column() + " FROM 1 FOR " + header.length + ") <> ?1"
                        + " FOR UPDATE SKIP LOCKED")
                .setParameter(1, header).setParameter(2, "(" + fromPage + ",0)").setParameter(3, "(" + toPage + ",0)")
                .getResultList();
        int resealed = 0;
        int unreadable = 0;
        String update = "UPDATE " + c.table() + " SET " + c.column() + " = ?1"
                + (c.keyIdColumn() == null ? "" : ", " + c.keyIdColumn() + " = ?3") + " WHERE ctid = CAST(?2 AS tid)";
        for (Object[] r : rows) {
            String context = c.context().apply((String) r[2]);
            byte[] again;
            try {
                again = crypto.seal(crypto.open((byte[]) r[1], context), context);
            } catch (PiiCrypto.UnreadableException e) {
                unreadable++;
                continue;
            }
            var query = em.createNativeQuery(update).setParameter(1, again).setParameter(2, r[0]);
            if (c.keyIdColumn() != null) {
                query.setParameter(3, crypto.activeKeyId());
            }
            query.executeUpdate();
            resealed++;
        }
        return new Batch(resealed, unreadable);
    }
}

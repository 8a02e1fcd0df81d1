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
 * nothing is decrypted to find them. Rows are taken FOR UPDATE SKIP LOCKED: replicas may run it
 * side by side, and a row a user is changing right now is left for the next batch. Each service
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

    /**
     * One batch's outcome: stale values found, resealed, and those that could not be opened (left as
     * they are), and the row position to go on after.
     */
    public record Batch(int found, int resealed, int unreadable, String after) {
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

    /** A rotation run over this service's sealed columns: reseals every stale value and says how many. */
    public long rotate() {
        long resealed = resealAll(services.stream().flatMap(s -> s.columns().stream()).toList(), 500);
        if (resealed > 0) {
            LOG.infof("key rotation: %d personal values resealed under the active key %s", resealed, crypto.activeKeyId());
        }
        return resealed;
    }

    /** Reseals every stale value of these columns; returns how many were resealed. */
    public long resealAll(List<Column> columns, int batchSize) {
        long total = 0;
        for (Column c : columns) {
            // One pass through the table in row order (a TID range scan), so each batch starts where
            // the last stopped instead of reading the already resealed rows again.
            String after = "(0,0)";
            int unreadable = 0;
            Batch b;
            do {
                b = reseal(c, batchSize, after);
                total += b.resealed();
                unreadable += b.unreadable();
                after = b.after();
            } while (b.found() == batchSize);
            if (unreadable > 0) {
                // Never the value: only where it is. An unknown key id means a key was removed too early.
                LOG.warnf("key rotation: %d values of %s.%s cannot be opened with the configured keys; left as they are",
                        unreadable, c.table(), c.column());
            }
        }
        return total;
    }

    /** Reseals up to {@code batchSize} stale values of one column after row position {@code after}, in one transaction. */
    @Transactional
    @SuppressWarnings("unchecked")
    public Batch reseal(Column c, int batchSize, String after) {
        byte[] header = crypto.activeHeader();
        List<Object[]> rows = em.createNativeQuery("SELECT ctid::text, " + c.column() + ", "
                        + (c.discriminator() == null ? "NULL" : "CAST(" + c.discriminator() + " AS text)")
                        + " FROM " + c.table() + " WHERE " + c.column() + " IS NOT NULL"
                        + " AND substring(" + c.column() + " FROM 1 FOR " + header.length + ") <> ?1"
                        + " AND ctid > CAST(?3 AS tid) ORDER BY ctid LIMIT ?2 FOR UPDATE SKIP LOCKED")
                .setParameter(1, header).setParameter(2, batchSize).setParameter(3, after).getResultList();
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
        return new Batch(rows.size(), resealed, unreadable, rows.isEmpty() ? after : (String) rows.get(rows.size() - 1)[0]);
    }
}

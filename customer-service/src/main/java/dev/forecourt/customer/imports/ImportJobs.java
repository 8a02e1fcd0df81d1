package dev.forecourt.customer.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.customer.config.CustomerSettings;
import dev.forecourt.customer.domain.CustomerIdentifier;
import dev.forecourt.customer.domain.ImportRow;
import dev.forecourt.customer.domain.LifecycleClass;
import dev.forecourt.customer.domain.WarrantyPolicy;
import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.customer.service.ChangeLog;
import dev.forecourt.platform.api.CorrelationIds;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.persistence.SqlStates;
import dev.forecourt.platform.pii.PiiCrypto;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Bulk import of customers with vehicles (CSV with a header row, or NDJSON), run as a job: the
 * upload is spooled to disk and answered at once; one worker per replica reads it in chunks.
 * Each chunk is validated and de-duplicated (against the store's customers by ID number, phone
 * and VIN, and within the file), sealed and hashed on all cores, then written with COPY in one
 * transaction together with its progress, its rejected rows and its events. A chunk the
 * database refuses is split until the offending row is found and rejected alone, so a bad row
 * never stops the job or half-writes a customer. A row matching an existing customer is
 * "merged": the existing record keeps its values, gains the row's new phone, email, ID number
 * and vehicle, and has its empty fields filled from the row ({@link GapFiller}).
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    /** PiiCrypto context of a rejected row kept (sealed) for its report. */
    public static final String RAW_ROW = "customer.import-row";
    /**
     * New customers per imported event. Small enough that the relay's batch of events (500) stays a
     * few megabytes of heap: at 1,000 customers (130 kB) per event it held 65 MB twice over.
     */
    static final int EVENT_SIZE = 200;
    /** Tries after the first when a chunk fails transiently (see {@link #attemptRetrying}). */
    static final int TRANSIENT_RETRIES = 3;

    public enum Format { CSV, NDJSON }

    public record Job(UUID id, String storeId, Format format, String status, long rowsRead, long imported, long merged,
                      long rejected, Long totalBytes, long bytesRead, Instant startedAt, Instant finishedAt,
                      Long etaSeconds, String failure) {
    }

    @Inject
    AgroalDataSource dataSource;

    @Inject
    PiiCrypto crypto;

    @Inject
    Outbox outbox;

    @Inject
    CurrentUser user;

    @Inject
    WarrantyPolicy warranty;

    @Inject
    ObjectMapper json;

    @Inject
    CustomerSettings settings;

    @Inject
    ImportRunners runners;

    /** Runs right after each chunk's COMMIT returns: a test seam, to lose the connection at that moment. */
    @FunctionalInterface
    interface AfterCommit {
        void run(Connection c) throws SQLException;
    }

    private volatile AfterCommit afterCommit = c -> { };

    /** A job another replica has failed (its runner looked stopped): its worker stops, writing nothing more. */
    static final class JobEnded extends RuntimeException {
        JobEnded(UUID jobId) {
            super("import job " + jobId + " was ended meanwhile (its replica looked stopped); stopping it here");
        }
    }

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "customer-import");
        t.setDaemon(true);
        return t;
    });
    /** Reads (parses, hashes, seals) the worker's next chunk while it writes the current one. */
    private final ExecutorService reading = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "customer-import-read");
        t.setDaemon(true);
        return t;
    });

    void onStop(@Observes ShutdownEvent e) {
        worker.shutdownNow();
        reading.shutdownNow();
    }

    /** Spools the upload, records the job and queues it; returns at once. */
    public Job submit(String storeId, Format format, InputStream body) {
        user.requireStore(storeId);
        UUID id = UUID.randomUUID();
        Path file;
        try {
            Path spoolDir = settings.imports().dir().orElse(Path.of(System.getProperty("java.io.tmpdir"), "forecourt-imports"));
            Files.createDirectories(spoolDir);
            file = spoolDir.resolve(id + "." + format.name().toLowerCase());
            Files.copy(body, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw ProblemException.unavailable("import spool", "could not store the upload: " + e.getMessage());
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = -1;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "INSERT INTO import_job (id, store_id, format, status, total_bytes, submitted_by, runner)"
                        + " VALUES (?, ?, ?, 'QUEUED', ?, ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, storeId);
            s.setString(3, format.name());
            s.setLong(4, size);
            s.setString(5, user.id());
            s.setString(6, runners.self());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        worker.execute(() -> run(id, storeId, format, file));
        return get(id);
    }

    public Job get(UUID id) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT store_id, format, status, rows_read, imported, merged, rejected, total_bytes, bytes_read,"
                        + " started_at, finished_at, failure FROM import_job WHERE id = ?")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next() || !user.stores().allows(r.getString(1))) {
                    throw ProblemException.notFound("import job", id);
                }
                Instant started = instant(r.getTimestamp(10));
                Instant finished = instant(r.getTimestamp(11));
                long total = r.getLong(8);
                long read = r.getLong(9);
                Long eta = null;
                if (finished == null && started != null && read > 0 && total > 0) {
                    double elapsed = (Instant.now().toEpochMilli() - started.toEpochMilli()) / 1000.0;
                    eta = Math.round(elapsed * (total - read) / read);
                } else if (finished != null) {
                    eta = 0L;
                }
                return new Job(id, r.getString(1), Format.valueOf(r.getString(2)), r.getString(3), r.getLong(4),
                        r.getLong(5), r.getLong(6), r.getLong(7), total, read, started, finished, eta, r.getString(12));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The rejected rows: line, reason and the row as sent (opened for the report; it may hold personal
     * data, so the caller's reading is recorded first, in {@code import_report_access}).
     */
    public List<String[]> rejections(UUID id) {
        get(id); // visibility
        List<String[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT line_no, reason, raw_enc FROM import_rejection WHERE job_id = ? ORDER BY line_no")) {
            try (PreparedStatement audit = c.prepareStatement("INSERT INTO import_report_access"
                    + " (job_id, actor, actor_name, correlation_id) VALUES (?, ?, ?, ?)")) {
                audit.setObject(1, id);
                audit.setString(2, user.id());
                audit.setString(3, user.username());
                audit.setString(4, CorrelationIds.current());
                audit.executeUpdate();
            }
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byte[] raw = r.getBytes(3);
                    rows.add(new String[]{Long.toString(r.getLong(1)), r.getString(2),
                            raw == null ? "" : crypto.open(raw, RAW_ROW)});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    /** Who downloaded the job's rejected-rows report, and when (oldest first). */
    public List<ChangeLog.Access> reportAccesses(UUID id) {
        get(id); // visibility
        List<ChangeLog.Access> accesses = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT accessed_at, actor, actor_name, correlation_id FROM import_report_access WHERE job_id = ? ORDER BY id")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    accesses.add(new ChangeLog.Access(r.getTimestamp(1).toInstant(), r.getString(2), r.getString(3),
                            r.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return accesses;
    }

    // ------------------------------------------------------------------ the worker

    void run(UUID jobId, String storeId, Format format, Path file) {
        Phases phases = new Phases();
        long started = System.nanoTime();
        ImportHeap heap = ImportHeap.open();
        try {
            fenced(jobId, "UPDATE import_job SET status = 'RUNNING', started_at = now() WHERE id = ? AND status = 'QUEUED'");
            try (ChunkReader reader = new ChunkReader(file, format, json, crypto, phases)) {
                // One chunk ahead: the next chunk is read, hashed and sealed while this one is written.
                // (Deciding the next chunk's customers ahead too, on a second connection, was measured
                // and taken out again: on 2 cores the import is CPU-bound, and it gained nothing.)
                int rows = settings.imports().chunkRows();
                Copies copies = new Copies(rows);
                Future<ChunkReader.Chunk> next = reading.submit(() -> reader.next(rows));
                try {
                    while (true) {
                        ChunkReader.Chunk chunk = next.get();
                        if (chunk == null) {
                            break;
                        }
                        next = reading.submit(() -> reader.next(rows));
                        writeSplit(jobId, storeId, chunk.items(), chunk.items().size(), chunk.bytesRead(), copies, phases);
                    }
                } finally {
                    awaitQuietly(next); // never close the file under the reading thread
                }
            }
            // A bulk load leaves the planner's statistics behind: without them a look-up by phone can
            // pick a scan of the whole store instead of the identifier index (measured: 60 ms vs 1 ms).
            long t = System.nanoTime();
            exec("ANALYZE customer, customer_identifier, vehicle");
            phases.lap("analyze", t);
            fenced(jobId, "UPDATE import_job SET status = 'COMPLETED', finished_at = now() WHERE id = ? AND status = 'RUNNING'");
            LOG.infof("import job %s completed in %.1fs: %s", jobId, (System.nanoTime() - started) / 1e9, phases);
        } catch (JobEnded e) {
            LOG.warn(e.getMessage());
        } catch (Exception | Error e) { // whatever ends the job, it must not stay RUNNING
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            LOG.errorf(cause, "import job %s failed", jobId);
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "UPDATE import_job SET status = 'FAILED', failure = ?, finished_at = now()"
                            + " WHERE id = ? AND status IN ('QUEUED', 'RUNNING')")) {
                s.setString(1, firstLine(String.valueOf(cause.getMessage())));
                s.setObject(2, jobId);
                s.executeUpdate();
            } catch (SQLException ignored) {
                LOG.error("could not record the failure of import job " + jobId, ignored);
            }
            if (e instanceof VirtualMachineError fatal) {
                throw fatal; // recorded; the VM's own trouble is not the job's to hide
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover spool file is harmless
            }
            heap.close();
        }
    }

    /**
     * Writes rows in one transaction; when the database refuses them, halves them until the bad row
     * is alone and rejects it with the database's message. Rows read are counted once, with the
     * last part of a split. A transient failure that outlasts its retries fails the job instead:
     * it says nothing about the rows.
     */
    private void writeSplit(UUID jobId, String storeId, List<ImportItem> part, int rowsRead, long bytesRead,
                            Copies copies, Phases phases) throws SQLException {
        try {
            attemptRetrying(jobId, storeId, part, rowsRead, bytesRead, copies, phases);
        } catch (SQLException e) {
            if (SqlStates.isTransient(e)) {
                throw e;
            }
            if (part.size() == 1) {
                part.get(0).rejection = "refused by the database: " + firstLine(e.getMessage());
                reset(part);
                attemptRetrying(jobId, storeId, part, rowsRead, bytesRead, copies, phases);
                return;
            }
            int half = part.size() / 2;
            List<ImportItem> first = new ArrayList<>(part.subList(0, half));
            List<ImportItem> second = new ArrayList<>(part.subList(half, part.size()));
            reset(first);
            reset(second);
            writeSplit(jobId, storeId, first, 0, bytesRead, copies, phases);
            writeSplit(jobId, storeId, second, rowsRead, bytesRead, copies, phases);
        }
    }

    /**
     * {@link #attempt}, again on a new connection after a transient failure (a lost connection, a
     * server restart, a deadlock): 200 ms, 800 ms and 3.2 s later. A failed transaction rolled back
     * whole, progress and events included, so nothing is counted twice; but a connection lost during
     * the COMMIT leaves its outcome unknown, so each attempt records a token of its own with its
     * progress, and the next one first asks whether that token landed.
     */
    private void attemptRetrying(UUID jobId, String storeId, List<ImportItem> part, int rowsRead, long bytesRead,
                                 Copies copies, Phases phases) throws SQLException {
        UUID unknown = null; // the last attempt's token, when it failed transiently
        for (int retry = 0; ; retry++) {
            try {
                if (unknown != null && committed(jobId, unknown)) {
                    LOG.infof("import job %s: the chunk had committed before its connection was lost", jobId);
                    return;
                }
                UUID token = UUID.randomUUID();
                unknown = token;
                attempt(jobId, token, storeId, part, rowsRead, bytesRead, copies, phases);
                return;
            } catch (SQLException e) {
                if (retry == TRANSIENT_RETRIES || !SqlStates.isTransient(e)) {
                    throw e;
                }
                LOG.warnf("import job %s: a chunk failed with SQLSTATE %s (%s); retrying on a new connection", jobId,
                        e.getSQLState(), firstLine(e.getMessage()));
                try {
                    Thread.sleep(200L << (2 * retry));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
                reset(part);
            }
        }
    }

    /** Whether the chunk transaction with this token committed (it is the job's last one). */
    private boolean committed(UUID jobId, UUID token) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT last_chunk FROM import_job WHERE id = ?")) {
            s.setObject(1, jobId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() && token.equals(r.getObject(1));
            }
        }
    }

    private static boolean isClosed(Connection c) {
        try {
            return c.unwrap(PGConnection.class) instanceof Connection pg && pg.isClosed();
        } catch (SQLException e) {
            return true;
        }
    }

    private static void awaitQuietly(Future<?> pending) {
        try {
            pending.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            // the job is failing already; this chunk is not needed
        }
    }

    private static void reset(List<ImportItem> items) {
        items.forEach(ImportItem::resetPlacement);
    }

    private void attempt(UUID jobId, UUID token, String storeId, List<ImportItem> chunk, int rowsRead, long bytesRead,
                         Copies copies, Phases phases) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Placer.tuneForProbes(c);
                // The commit does not wait for its WAL to reach the disk: a chunk lost to a database crash
                // is lost whole, with its progress and its events (they commit together), and the job
                // fails visibly, so submitting the file again merges what did land. Measured: 1.3-1.5 s
                // of a million-row import went to waiting for those flushes.
                try (Statement s = c.createStatement()) {
                    s.execute("SET LOCAL synchronous_commit = off");
                }
                write(c, jobId, token, storeId, chunk, rowsRead, bytesRead, copies, phases);
                long t = System.nanoTime();
                c.commit();
                phases.lap("commit", t);
                afterCommit.run(c);
            } catch (JobEnded e) {
                c.rollback();
                throw e;
            } catch (SQLException | RuntimeException | AssertionError e) {
                // pgjdbc 42.7.8 can throw an AssertionError from a batch whose connection was lost (its
                // BatchResultHandler: "getAutoCommit() should not throw"). Whatever was thrown, a closed
                // connection is a lost connection, and the chunk is retried rather than blamed.
                SQLException failure = isClosed(c) ? new SQLException("connection lost: " + e.getMessage(), "08006", e)
                        : e instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
                try {
                    c.rollback();
                } catch (SQLException lost) { // the connection is gone: so is the transaction
                    failure.addSuppressed(lost);
                }
                throw failure;
            } finally {
                try {
                    c.setAutoCommit(true);
                } catch (SQLException lost) {
                    LOG.debugf(lost, "import job %s: connection lost", jobId);
                }
            }
        }
    }

    private void write(Connection c, UUID jobId, UUID token, String storeId, List<ImportItem> chunk, int rowsRead,
                       long bytesRead, Copies copies, Phases phases) throws SQLException {
        Set<Placer.Held> held = Placer.place(c, storeId, chunk, phases);
        long t = System.nanoTime();

        int n = chunk.size();
        copies.reset();
        CopyWriter customers = copies.customers;
        CopyWriter identifiers = copies.identifiers;
        CopyWriter vehicles = copies.vehicles;
        CopyWriter changes = copies.changes;
        CopyWriter rejections = copies.rejections;
        List<CustomerEvents.ImportedCustomer> created = new ArrayList<>();
        Map<UUID, List<String>> mergedChanges = new LinkedHashMap<>();
        String actor = "import:" + jobId;
        Set<String> vinsWritten = new HashSet<>(n * 2);
        // Each customer's rows in this chunk, in file order: a new customer's record merges them, an
        // existing customer's empty fields are filled from them (GapFiller).
        Map<UUID, List<ImportRow>> rowsOf = new HashMap<>(n * 2);
        Set<UUID> createdHere = new HashSet<>();
        for (ImportItem i : chunk) {
            if (i.accepted()) {
                rowsOf.computeIfAbsent(i.customerId, k -> new ArrayList<>(1)).add(i.row);
                if (i.isNew) createdHere.add(i.customerId);
            }
        }
        long imported = 0;
        long merged = 0;
        for (ImportItem i : chunk) {
            if (!i.accepted()) {
                rejections.uuid(jobId).int8(i.line).text(i.rejection).bytea(sealedForReport(i));
                rejections.endRow();
                continue;
            }
            ImportRow r = i.isNew ? GapFiller.merged(rowsOf.get(i.customerId)) : i.row;
            List<String> added = new ArrayList<>(4);
            // A car the file says we sold makes its new owner an OWNER (bought from this group, DOMAIN.md §1).
            LifecycleClass lifecycle = r.soldByUs() ? LifecycleClass.OWNER : LifecycleClass.POTENTIAL;
            if (i.isNew) {
                imported++;
                customers.uuid(i.customerId).text(storeId).text(r.kind()).text(lifecycle)
                        .text(r.sourceChannel()).bytea(i.nameSealed).text(r.gender()).date(r.birthDate()).text(r.province())
                        .text(r.city()).text(r.district()).uuid(jobId); // the creation's audit: see V9
                customers.endRow();
            } else {
                merged++;
            }
            identifier(identifiers, held, i.customerId, CustomerIdentifier.Kind.PHONE, i.phoneSealed, i.phoneHash, added);
            identifier(identifiers, held, i.customerId, CustomerIdentifier.Kind.ID_CARD, i.idSealed, i.idHash, added);
            identifier(identifiers, held, i.customerId, CustomerIdentifier.Kind.EMAIL, i.emailSealed, i.emailHash, added);
            UUID vehicleId = null;
            if (r.vin() != null && i.vinIsNew && vinsWritten.add(r.vin())) {
                vehicleId = uuid7();
                vehicles.uuid(vehicleId).text(storeId).text(r.vin()).uuid(i.customerId).date(r.purchaseDate())
                        .text(r.plate()).text(r.brand()).text(r.series()).text(r.model()).date(r.purchaseDate())
                        .date(warranty.endDate(r.purchaseDate(), r.brand())).int4(warranty.termsFor(r.brand()).km())
                        .bool(r.soldByUs());
                vehicles.endRow();
                added.add("vehicles");
            }
            if (i.isNew) {
                created.add(new CustomerEvents.ImportedCustomer(i.customerId, r.kind().name(), lifecycle.name(),
                        r.sourceChannel(), vehicleId, vehicleId == null ? null : r.vin()));
            } else if (!added.isEmpty()) {
                mergedChanges.computeIfAbsent(i.customerId, k -> new ArrayList<>()).addAll(added);
                for (String field : added) { // what the row gave an existing customer, audited (values stay out)
                    changes.uuid(i.customerId).text(actor).text(field).text(null).text("added").text("bulk import " + jobId);
                    changes.endRow();
                }
            }
        }
        t = phases.lap("encode", t);
        rowsOf.keySet().removeAll(createdHere); // their later rows are merged into the record written above
        GapFiller.Result updated = GapFiller.update(c, rowsOf, mergedChanges.keySet());
        for (GapFiller.Fill f : updated.fills()) {
            List<String> fields = mergedChanges.computeIfAbsent(f.customerId(), k -> new ArrayList<>());
            f.fields().forEach((field, value) -> { // audited like an edit: none of these is personal data
                fields.add(field);
                changes.uuid(f.customerId()).text(actor).text(field).text(null).text(value).text("bulk import " + jobId);
                changes.endRow();
            });
        }
        t = phases.lap("fill gaps", t);

        PGConnection pg = c.unwrap(PGConnection.class);
        for (CopyWriter rows : List.of(customers, identifiers, vehicles, changes, rejections)) {
            rows.copyTo(pg);
            t = phases.lap("copy " + rows.table(), t);
        }

        List<DomainEvent> imports = new ArrayList<>();
        for (int from = 0; from < created.size(); from += EVENT_SIZE) {
            imports.add(new DomainEvent(CustomerEvents.IMPORTED, "import", jobId.toString(), storeId,
                    new CustomerEvents.Imported(jobId, storeId, created.subList(from, Math.min(created.size(), from + EVENT_SIZE)))));
        }
        // A customer created earlier in this chunk is announced by the imported event, with what its
        // later rows added: an updated event is for customers that existed before the chunk.
        List<DomainEvent> updates = new ArrayList<>();
        mergedChanges.forEach((customerId, fields) -> {
            Long version = updated.versions().get(customerId);
            if (version != null) {
                updates.add(new DomainEvent(CustomerEvents.UPDATED, CustomerEvents.AGGREGATE, customerId.toString(), storeId,
                        new CustomerEvents.Updated(customerId, storeId, fields.stream().distinct().toList(), version)));
            }
        });
        if (!imports.isEmpty() || !updates.isEmpty()) {
            List<DomainEvent> events = new ArrayList<>(imports);
            events.addAll(updates);
            List<Outbox.Row> rows = new ArrayList<>(outbox.rows(imports, CustomerEvents.IMPORTS_TOPIC));
            rows.addAll(outbox.rows(updates));
            Outbox.insert(c, events, rows);
        }
        t = phases.lap("events", t);
        try (PreparedStatement s = c.prepareStatement("UPDATE import_job SET rows_read = rows_read + ?,"
                + " imported = imported + ?, merged = merged + ?, rejected = rejected + ?,"
                + " bytes_read = greatest(bytes_read, ?), last_chunk = ? WHERE id = ? AND status = 'RUNNING'")) {
            s.setLong(1, rowsRead);
            s.setLong(2, imported);
            s.setLong(3, merged);
            s.setLong(4, chunk.size() - imported - merged);
            s.setLong(5, bytesRead);
            s.setObject(6, token);
            s.setObject(7, jobId);
            if (s.executeUpdate() == 0) {
                throw new JobEnded(jobId);
            }
        }
    }

    /**
     * A chunk's COPY input, a writer per table, kept for the whole job: each chunk empties and refills
     * them, so their buffers grow to the largest chunk once instead of being allocated per chunk (JFR:
     * 0.49 GB of a million-row import's allocation). Used by the job's writing thread only.
     */
    static final class Copies {
        // Sized for a chunk of rows with room to spare (by their columns, about 200 bytes a customer or a
        // vehicle and 170 an identifier): a buffer that has to grow is copied whole.
        final CopyWriter customers;
        final CopyWriter identifiers;
        final CopyWriter vehicles;
        final CopyWriter changes;
        final CopyWriter rejections;

        Copies(int chunkRows) {
            customers = new CopyWriter("customer (id, store_id, kind, lifecycle_class, source_channel, name_enc,"
                    + " gender, birth_date, province, city, district, import_job_id)", chunkRows * 256);
            identifiers = new CopyWriter("customer_identifier (id, customer_id, kind, value_enc, key_id, value_hash)",
                    chunkRows * 2 * 200);
            vehicles = new CopyWriter("vehicle (id, store_id, vin, owner_id, owner_since, plate, brand, series,"
                    + " model, purchase_date, warranty_end, warranty_km, sold_by_us)", chunkRows * 256);
            changes = new CopyWriter("customer_change (customer_id, actor, field, old_value, new_value, reason)",
                    chunkRows * 4);
            rejections = new CopyWriter("import_rejection (job_id, line_no, reason, raw_enc)", 1024);
        }

        void reset() {
            for (CopyWriter w : List.of(customers, identifiers, vehicles, changes, rejections)) {
                w.reset();
            }
        }
    }

    /** A rejected row as sent, sealed for its report: its fields as JSON, or an unreadable line's text. */
    private byte[] sealedForReport(ImportItem i) {
        String raw = i.fields() != null ? asJson(i.fields()) : i.unreadableText();
        return raw == null ? null : crypto.seal(raw, RAW_ROW);
    }

    private String asJson(Map<String, String> fields) {
        try {
            return json.writeValueAsString(fields);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void identifier(CopyWriter out, Set<Placer.Held> held, UUID customerId, CustomerIdentifier.Kind kind,
                                   byte[] sealed, byte[] hash, List<String> added) {
        if (sealed == null || !held.add(new Placer.Held(customerId, ByteBuffer.wrap(hash)))) {
            return;
        }
        out.uuid(uuid7()).uuid(customerId).text(kind).bytea(sealed).text(PiiCrypto.keyIdOf(sealed)).bytea(hash);
        out.endRow();
        added.add(switch (kind) {
            case PHONE -> "phones";
            case EMAIL -> "emails";
            case ID_CARD -> "idNumber";
        });
    }

    /** Time-ordered UUIDs (version 7) keep the primary-key indexes append-mostly during a bulk load. */
    static UUID uuid7() {
        long ms = System.currentTimeMillis();
        java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
        long msb = (ms << 16) | 0x7000L | (rnd.nextLong() & 0x0FFFL);
        long lsb = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    /** A status change that applies only from the status the worker expects; otherwise the job was ended elsewhere. */
    private void fenced(UUID jobId, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, jobId);
            if (s.executeUpdate() == 0) {
                throw new JobEnded(jobId);
            }
        }
    }

    void afterCommit(AfterCommit hook) {
        afterCommit = hook == null ? c -> { } : hook;
    }

    private void exec(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 400 ? line.substring(0, 400) : line;
    }
}

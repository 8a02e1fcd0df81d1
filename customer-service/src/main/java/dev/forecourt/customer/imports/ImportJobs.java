package dev.forecourt.customer.imports;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.forecourt.customer.domain.CustomerIdentifier;
import dev.forecourt.customer.domain.ImportRow;
import dev.forecourt.customer.domain.LifecycleClass;
import dev.forecourt.customer.domain.WarrantyPolicy;
import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.customer.service.PersonalData;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.outbox.Outbox;
import dev.forecourt.platform.pii.PiiCrypto;
import dev.forecourt.platform.problem.ProblemException;
import dev.forecourt.platform.security.CurrentUser;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import java.util.concurrent.Executors;

/**
 * Bulk import of customers with vehicles (CSV with a header row, or NDJSON), run as a job: the
 * upload is spooled to disk and answered at once; one worker per replica reads it in chunks.
 * Each chunk is validated and de-duplicated (against the store's customers by ID number, phone
 * and VIN, and within the file), sealed and hashed on all cores, then written with COPY in one
 * transaction together with its progress, its rejected rows and its events. A chunk the
 * database refuses is split until the offending row is found and rejected alone, so a bad row
 * never stops the job or half-writes a customer. A row matching an existing customer is
 * "merged": the existing record keeps its values and gains the row's new phone, email, ID
 * number and vehicle.
 */
@ApplicationScoped
public class ImportJobs {

    private static final Logger LOG = Logger.getLogger(ImportJobs.class);
    static final int CHUNK = 5_000;
    static final int EVENT_SIZE = 1_000;

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

    @ConfigProperty(name = "forecourt.customer.import.dir", defaultValue = "${java.io.tmpdir}/forecourt-imports")
    Path spoolDir;

    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "customer-import");
        t.setDaemon(true);
        return t;
    });

    /** Jobs a previous process left unfinished cannot resume (their spool may be gone): they fail visibly. */
    void onStart(@Observes StartupEvent e) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "UPDATE import_job SET status = 'FAILED', failure = 'the service restarted during the import;"
                        + " submit the file again (rows already imported will be merged)', finished_at = now()"
                        + " WHERE status IN ('QUEUED', 'RUNNING')")) {
            s.executeUpdate();
        } catch (SQLException ex) {
            LOG.warn("could not close interrupted import jobs", ex);
        }
    }

    void onStop(@Observes ShutdownEvent e) {
        worker.shutdownNow();
    }

    /** Spools the upload, records the job and queues it; returns at once. */
    public Job submit(String storeId, Format format, InputStream body) {
        user.requireStore(storeId);
        UUID id = UUID.randomUUID();
        Path file;
        try {
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
                "INSERT INTO import_job (id, store_id, format, status, total_bytes, submitted_by) VALUES (?, ?, ?, 'QUEUED', ?, ?)")) {
            s.setObject(1, id);
            s.setString(2, storeId);
            s.setString(3, format.name());
            s.setLong(4, size);
            s.setString(5, user.id());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        worker.submit(() -> run(id, storeId, format, file));
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

    /** The rejected rows: line, reason and the row as sent (opened for the report; it may hold personal data). */
    public List<String[]> rejections(UUID id) {
        get(id); // visibility
        List<String[]> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT line_no, reason, raw_enc FROM import_rejection WHERE job_id = ? ORDER BY line_no")) {
            s.setObject(1, id);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    byte[] raw = r.getBytes(3);
                    rows.add(new String[]{Long.toString(r.getLong(1)), r.getString(2),
                            raw == null ? "" : crypto.open(raw, "customer.import-row")});
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    // ------------------------------------------------------------------ the worker

    /** One row on its way in: parsed, hashed, and where it ends up. */
    static final class Item {
        final ImportRow row;
        final String raw;
        long line;
        byte[] phoneHash;
        byte[] idHash;
        byte[] emailHash;
        UUID customerId;     // target customer (new or existing)
        boolean isNew;       // creates the customer
        String rejection;

        Item(ImportRow row, String raw) {
            this.row = row;
            this.raw = raw;
        }
    }

    void run(UUID jobId, String storeId, Format format, Path file) {
        try {
            exec(jobId, "UPDATE import_job SET status = 'RUNNING', started_at = now() WHERE id = ?");
            try (InputStream in = Files.newInputStream(file)) {
                MappingIterator<Map<String, String>> rows = reader(format).readValues(in);
                List<Item> chunk = new ArrayList<>(CHUNK);
                // Line numbers count records (CSV: after the header line); a quoted field spanning lines is not counted twice.
                long line = format == Format.CSV ? 1 : 0;
                while (true) {
                    Map<String, String> fields;
                    line++;
                    try {
                        if (!rows.hasNextValue()) {
                            break;
                        }
                        fields = rows.nextValue();
                    } catch (RuntimeException | IOException e) {
                        Item bad = new Item(null, null);
                        bad.line = line;
                        bad.rejection = "unreadable " + format + " at line " + line + ": " + firstLine(e.getMessage());
                        chunk.add(bad);
                        if (format == Format.CSV) {
                            break; // a CSV parser cannot resynchronise reliably after a broken quote
                        }
                        continue;
                    }
                    ImportRow.Parsed parsed = ImportRow.parse(line, fields);
                    Item item = new Item(parsed.row(), json.writeValueAsString(fields));
                    item.line = line;
                    item.rejection = parsed.rejection();
                    chunk.add(item);
                    if (chunk.size() == CHUNK) {
                        writeChunk(jobId, storeId, chunk, rows.getCurrentLocation().getByteOffset());
                        chunk = new ArrayList<>(CHUNK);
                    }
                }
                writeChunk(jobId, storeId, chunk, Files.size(file));
            }
            exec(jobId, "UPDATE import_job SET status = 'COMPLETED', finished_at = now() WHERE id = ?");
        } catch (Exception e) {
            LOG.errorf(e, "import job %s failed", jobId);
            try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                    "UPDATE import_job SET status = 'FAILED', failure = ?, finished_at = now() WHERE id = ?")) {
                s.setString(1, firstLine(String.valueOf(e.getMessage())));
                s.setObject(2, jobId);
                s.executeUpdate();
            } catch (SQLException ignored) {
                LOG.error("could not record the failure of import job " + jobId, ignored);
            }
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a leftover spool file is harmless
            }
        }
    }

    private ObjectReader reader(Format format) {
        if (format == Format.CSV) {
            CsvMapper csv = new CsvMapper();
            return csv.readerForMapOf(String.class).with(CsvSchema.emptySchema().withHeader());
        }
        return json.readerForMapOf(String.class);
    }

    /** Writes one chunk in one transaction; when the database refuses it, halves it until the bad row is alone. */
    private void writeChunk(UUID jobId, String storeId, List<Item> chunk, long bytesRead) throws SQLException {
        if (chunk.isEmpty()) {
            return;
        }
        // Hashing is pure CPU: spread it over the cores.
        chunk.parallelStream().filter(i -> i.rejection == null).forEach(i -> {
            if (i.row.phone() != null) i.phoneHash = crypto.hash(i.row.phone(), CustomerIdentifier.Kind.PHONE.context());
            if (i.row.idNumber() != null) i.idHash = crypto.hash(i.row.idNumber(), CustomerIdentifier.Kind.ID_CARD.context());
            if (i.row.email() != null) i.emailHash = crypto.hash(i.row.email(), CustomerIdentifier.Kind.EMAIL.context());
        });
        writeSplit(jobId, storeId, chunk, chunk.size(), bytesRead);
    }

    /** Rows read are counted once, with the last part of a split. */
    private void writeSplit(UUID jobId, String storeId, List<Item> part, int rowsRead, long bytesRead) throws SQLException {
        try {
            attempt(jobId, storeId, part, rowsRead, bytesRead);
        } catch (SQLException e) {
            if (part.size() == 1) {
                part.get(0).rejection = "refused by the database: " + firstLine(e.getMessage());
                reset(part);
                attempt(jobId, storeId, part, rowsRead, bytesRead);
                return;
            }
            int half = part.size() / 2;
            List<Item> first = new ArrayList<>(part.subList(0, half));
            List<Item> second = new ArrayList<>(part.subList(half, part.size()));
            reset(first);
            reset(second);
            writeSplit(jobId, storeId, first, 0, bytesRead);
            writeSplit(jobId, storeId, second, rowsRead, bytesRead);
        }
    }

    private static void reset(List<Item> items) {
        for (Item i : items) {
            i.customerId = null;
            i.isNew = false;
        }
    }

    private void attempt(UUID jobId, String storeId, List<Item> chunk, int rowsRead, long bytesRead) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                write(c, jobId, storeId, chunk, rowsRead, bytesRead);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e instanceof SQLException s ? s : new SQLException(e.getMessage(), e);
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private void write(Connection c, UUID jobId, String storeId, List<Item> chunk, int rowsRead, long bytesRead)
            throws SQLException {
        List<Item> valid = chunk.stream().filter(i -> i.rejection == null).toList();
        // Who is already known: by hash (ID number, phone) and by VIN.
        Map<ByteBuffer, UUID> known = new HashMap<>();
        List<byte[]> hashes = new ArrayList<>();
        for (Item i : valid) {
            if (i.idHash != null) hashes.add(i.idHash);
            if (i.phoneHash != null) hashes.add(i.phoneHash);
            if (i.emailHash != null) hashes.add(i.emailHash);
        }
        if (!hashes.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("SELECT i.value_hash, i.customer_id FROM customer_identifier i"
                    + " JOIN customer cu ON cu.id = i.customer_id AND cu.store_id = ? AND cu.merged_into IS NULL"
                    + " WHERE i.value_hash = ANY(?)")) {
                s.setString(1, storeId);
                Array arr = c.createArrayOf("bytea", hashes.toArray(new byte[0][]));
                s.setArray(2, arr);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) known.put(ByteBuffer.wrap(r.getBytes(1)), (UUID) r.getObject(2));
                }
            }
        }
        Map<String, UUID[]> vins = new HashMap<>(); // vin -> {owner, store-matches ? owner : null}
        Map<String, String> vinStore = new HashMap<>();
        List<String> vinList = valid.stream().map(i -> i.row.vin()).filter(v -> v != null).distinct().toList();
        if (!vinList.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("SELECT vin, owner_id, store_id FROM vehicle WHERE vin = ANY(?)")) {
                s.setArray(1, c.createArrayOf("text", vinList.toArray()));
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        vins.put(r.getString(1), new UUID[]{(UUID) r.getObject(2)});
                        vinStore.put(r.getString(1), r.getString(3));
                    }
                }
            }
        }
        // Decide each row's customer: ID number, then phone, then VIN; later rows of the file join earlier ones.
        Set<String> vinsTaken = new HashSet<>(vins.keySet());
        Map<ByteBuffer, UUID> existingHashes = new HashMap<>(known);
        for (Item i : valid) {
            UUID target = null;
            if (i.idHash != null) target = known.get(ByteBuffer.wrap(i.idHash));
            if (target == null && i.phoneHash != null) target = known.get(ByteBuffer.wrap(i.phoneHash));
            String vin = i.row.vin();
            if (vin != null && vins.containsKey(vin)) {
                UUID owner = vins.get(vin)[0];
                if (!storeId.equals(vinStore.get(vin))) {
                    i.rejection = "vin: already registered to a customer of another store";
                    continue;
                }
                if (target == null) {
                    target = owner;
                } else if (!target.equals(owner)) {
                    i.rejection = "vin: registered to a different customer than the one this row's phone or ID number matches";
                    continue;
                }
            }
            if (target == null) {
                target = uuid7();
                i.isNew = true;
            }
            i.customerId = target;
            if (i.idHash != null) known.putIfAbsent(ByteBuffer.wrap(i.idHash), target);
            if (i.phoneHash != null) known.putIfAbsent(ByteBuffer.wrap(i.phoneHash), target);
            if (vin != null && !vins.containsKey(vin)) vins.put(vin, new UUID[]{target});
            if (vin != null) vinStore.putIfAbsent(vin, storeId);
        }
        // Identifiers the target customers already have (so a merged row adds only what is new).
        Set<String> haveIdentifier = new HashSet<>();
        existingHashes.forEach((h, id) -> haveIdentifier.add(id + ":" + java.util.HexFormat.of().formatHex(h.array())));

        CopyWriter customers = new CopyWriter();
        CopyWriter identifiers = new CopyWriter();
        CopyWriter vehicles = new CopyWriter();
        CopyWriter changes = new CopyWriter();
        CopyWriter rejections = new CopyWriter();
        List<CustomerEvents.ImportedCustomer> created = new ArrayList<>();
        Map<UUID, List<String>> mergedChanges = new LinkedHashMap<>();
        List<Item> accepted = chunk.stream().filter(i -> i.rejection == null).toList();
        // Sealing is pure CPU as well: seal in parallel, write in order.
        Map<Item, byte[][]> sealed = new HashMap<>();
        accepted.parallelStream().map(i -> Map.entry(i, new byte[][]{
                        i.isNew ? crypto.seal(i.row.name(), PersonalData.NAME) : null,
                        i.row.phone() == null ? null : crypto.seal(i.row.phone(), CustomerIdentifier.Kind.PHONE.context()),
                        i.row.idNumber() == null ? null : crypto.seal(i.row.idNumber(), CustomerIdentifier.Kind.ID_CARD.context()),
                        i.row.email() == null ? null : crypto.seal(i.row.email(), CustomerIdentifier.Kind.EMAIL.context())}))
                .sequential().forEach(e -> sealed.put(e.getKey(), e.getValue()));
        String actor = "import:" + jobId;
        Set<String> vinsWritten = new HashSet<>();
        for (Item i : accepted) {
            ImportRow r = i.row;
            byte[][] s = sealed.get(i);
            List<String> added = new ArrayList<>();
            if (i.isNew) {
                customers.text(i.customerId).text(storeId).text(r.kind()).text(LifecycleClass.POTENTIAL)
                        .text(r.sourceChannel()).bytes(s[0]).text(r.gender()).text(r.birthDate()).text(r.province())
                        .text(r.city()).text(r.district());
                customers.endRow();
                changes.text(i.customerId).text(actor).text("record").text(null).text("imported").text("bulk import " + jobId);
                changes.endRow();
            }
            identifier(identifiers, haveIdentifier, i.customerId, CustomerIdentifier.Kind.PHONE, s[1], i.phoneHash, added);
            identifier(identifiers, haveIdentifier, i.customerId, CustomerIdentifier.Kind.ID_CARD, s[2], i.idHash, added);
            identifier(identifiers, haveIdentifier, i.customerId, CustomerIdentifier.Kind.EMAIL, s[3], i.emailHash, added);
            UUID vehicleId = null;
            if (r.vin() != null && !vinsTaken.contains(r.vin()) && vinsWritten.add(r.vin())) {
                vehicleId = uuid7();
                vehicles.text(vehicleId).text(storeId).text(r.vin()).text(i.customerId).text(r.purchaseDate())
                        .text(r.plate()).text(r.brand()).text(r.series()).text(r.model()).text(r.purchaseDate())
                        .text(warranty.endDate(r.purchaseDate(), r.brand())).text(warranty.termsFor(r.brand()).km());
                vehicles.endRow();
                added.add("vehicles");
            }
            if (i.isNew) {
                created.add(new CustomerEvents.ImportedCustomer(i.customerId, r.kind().name(), LifecycleClass.POTENTIAL.name(),
                        r.sourceChannel(), vehicleId, vehicleId == null ? null : r.vin()));
            } else if (!added.isEmpty()) {
                mergedChanges.computeIfAbsent(i.customerId, k -> new ArrayList<>()).addAll(added);
            }
        }
        long imported = accepted.stream().filter(i -> i.isNew).count();
        long merged = accepted.size() - imported;
        for (Item i : chunk) {
            if (i.rejection != null) {
                rejections.text(jobId).text(i.row == null ? i.line : i.row.line()).text(i.rejection)
                        .bytes(i.raw == null ? null : crypto.seal(i.raw, "customer.import-row"));
                rejections.endRow();
            }
        }
        long rejectedCount = chunk.size() - accepted.size();

        PGConnection pg = c.unwrap(PGConnection.class);
        copy(pg, "customer (id, store_id, kind, lifecycle_class, source_channel, name_enc, gender, birth_date, province,"
                + " city, district)", customers);
        copy(pg, "customer_identifier (id, customer_id, kind, value_enc, key_id, value_hash)", identifiers);
        copy(pg, "vehicle (id, store_id, vin, owner_id, owner_since, plate, brand, series, model, purchase_date,"
                + " warranty_end, warranty_km)", vehicles);
        copy(pg, "customer_change (customer_id, actor, field, old_value, new_value, reason)", changes);
        copy(pg, "import_rejection (job_id, line_no, reason, raw_enc)", rejections);
        List<Outbox.Row> events = new ArrayList<>();
        List<DomainEvent> domainEvents = new ArrayList<>();
        for (int from = 0; from < created.size(); from += EVENT_SIZE) {
            domainEvents.add(new DomainEvent(CustomerEvents.IMPORTED, "import", jobId.toString(), storeId,
                    new CustomerEvents.Imported(jobId, storeId, created.subList(from, Math.min(created.size(), from + EVENT_SIZE)))));
        }
        mergedChanges.forEach((customerId, fields) -> domainEvents.add(new DomainEvent(CustomerEvents.UPDATED,
                CustomerEvents.AGGREGATE, customerId.toString(), storeId,
                new CustomerEvents.Updated(customerId, storeId, fields.stream().distinct().toList(), 0))));
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox_event (id, aggregate_type, aggregate_id,"
                + " event_type, topic, payload) VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb))")) {
            for (DomainEvent e : domainEvents) {
                Outbox.Row row = outbox.row(e);
                s.setObject(1, row.id());
                s.setString(2, e.aggregateType());
                s.setString(3, e.aggregateId());
                s.setString(4, e.type());
                s.setString(5, row.topic());
                s.setString(6, row.envelope());
                s.addBatch();
                events.add(row);
            }
            if (!events.isEmpty()) s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE import_job SET rows_read = rows_read + ?,"
                + " imported = imported + ?, merged = merged + ?, rejected = rejected + ?,"
                + " bytes_read = greatest(bytes_read, ?) WHERE id = ?")) {
            s.setLong(1, rowsRead);
            s.setLong(2, imported);
            s.setLong(3, merged);
            s.setLong(4, rejectedCount);
            s.setLong(5, bytesRead);
            s.setObject(6, jobId);
            s.executeUpdate();
        }
    }

    private static void identifier(CopyWriter out, Set<String> have, UUID customerId, CustomerIdentifier.Kind kind,
                                   byte[] sealed, byte[] hash, List<String> added) {
        if (sealed == null || !have.add(customerId + ":" + java.util.HexFormat.of().formatHex(hash))) {
            return;
        }
        out.text(uuid7()).text(customerId).text(kind).bytes(sealed).text(PiiCrypto.keyIdOf(sealed)).bytes(hash);
        out.endRow();
        added.add(switch (kind) {
            case PHONE -> "phones";
            case EMAIL -> "emails";
            case ID_CARD -> "idNumber";
        });
    }

    private static void copy(PGConnection pg, String target, CopyWriter rows) throws SQLException {
        if (rows.rows() == 0) {
            return;
        }
        try {
            pg.getCopyAPI().copyIn("COPY " + target + " FROM STDIN", new StringReader(rows.content()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + target + " failed: " + e.getMessage(), e);
        }
    }

    /** Time-ordered UUIDs (version 7) keep the primary-key indexes append-mostly during a bulk load. */
    static UUID uuid7() {
        long ms = System.currentTimeMillis();
        java.util.concurrent.ThreadLocalRandom rnd = java.util.concurrent.ThreadLocalRandom.current();
        long msb = (ms << 16) | 0x7000L | (rnd.nextLong() & 0x0FFFL);
        long lsb = (rnd.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }

    private void exec(UUID jobId, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, jobId);
            s.executeUpdate();
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 400 ? line.substring(0, 400) : line;
    }
}

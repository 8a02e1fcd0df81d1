package dev.forecourt.customer.imports;

import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How an import job survives what happens around it: a connection lost just after a chunk committed,
 * another replica ending the job, and replicas that stop. Tests import in chunks of two rows.
 */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "customer"))
class ImportJobsTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ImportJobs jobs;

    @Inject
    ImportRunners runners;

    @AfterEach
    void noMoreFaults() {
        jobs.afterCommit(null);
    }

    /**
     * The COMMIT went through but the answer never came: the worker cannot tell from the failure, so it
     * asks the job's last committed chunk before trying again, and counts nothing twice.
     */
    @Test
    void aConnectionLostJustAfterACommitCountsThatChunkOnce() {
        AtomicBoolean lost = new AtomicBoolean();
        jobs.afterCommit(c -> {
            if (lost.compareAndSet(false, true)) {
                ((Connection) c.unwrap(PGConnection.class)).abort(Runnable::run);
                throw new SQLException("An I/O error occurred while sending to the backend.", "08006");
            }
        });
        String location = submit(rows(10));
        awaitStatus(location, "COMPLETED");
        assertTrue(lost.get(), "the fault was injected");
        given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                .body("rowsRead", equalTo(10)).body("imported", equalTo(10)).body("merged", equalTo(0))
                .body("rejected", equalTo(0));
        assertEquals(10, count("SELECT count(*) FROM customer WHERE import_job_id = ?", jobId(location)));
    }

    /**
     * A job that another replica failed (its runner looked stopped) stops writing at its next chunk:
     * that chunk rolls back, the job stays FAILED with the other replica's reason, and what it did
     * write matches its counters.
     */
    @Test
    void aJobEndedByAnotherReplicaStopsAtItsNextChunkAndStaysFailed() {
        String location = submit(rows(400));
        UUID job = jobId(location);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> count("SELECT rows_read FROM import_job WHERE id = ?", job) > 0);
        update("UPDATE import_job SET status = 'FAILED', failure = 'ended by a test', finished_at = now() WHERE id = ?", job);
        // One worker per replica: once a job submitted after it has completed, the ended job's run is over.
        awaitStatus(submit(rows(2)), "COMPLETED");
        var ended = given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                .body("status", equalTo("FAILED")).body("failure", equalTo("ended by a test")).extract();
        int rowsRead = ended.path("rowsRead");
        assertTrue(rowsRead < 400, "stopped before the end, read " + rowsRead);
        assertEquals((long) ended.<Integer>path("imported"),
                count("SELECT count(*) FROM customer WHERE import_job_id = ?", job));
    }

    /**
     * All of a customer's rows fill its record, not just the first: a new customer's later rows in the
     * chunk that creates it, and an existing customer's rows in a later chunk (chunks of two rows).
     */
    @Test
    void everyRowOfACustomerFillsWhatItsRecordLacks() {
        String p1 = phone(), p2 = phone(), p3 = phone();
        String csv = "name,phone,gender,birthDate,city\n"
                + "李娜," + p1 + ",,,\n"                        // chunk 1: a new customer, then its second row
                + "李娜," + p1 + ",female,1990-02-03,杭州市\n"
                + "王芳," + p2 + ",,,\n"                        // chunk 2: created bare
                + "赵六," + p3 + ",,,\n"
                + "王芳," + p2 + ",,1985-05-06,\n"              // chunk 3: both rows fill the existing record
                + "王芳," + p2 + ",female,1970-01-01,宁波市\n";
        awaitStatus(submit(csv), "COMPLETED");
        given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("phone", p1)
                .when().get("/api/customers").then().statusCode(200)
                .body("items[0].gender", equalTo("FEMALE")).body("items[0].birthDate", equalTo("1990-02-03"))
                .body("items[0].address.city", equalTo("杭州市"));
        given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("phone", p2)
                .when().get("/api/customers").then().statusCode(200)
                .body("items[0].birthDate", equalTo("1985-05-06")) // the first row that had one
                .body("items[0].gender", equalTo("FEMALE")).body("items[0].address.city", equalTo("宁波市"));
    }

    /** A four-byte NDJSON upload that is not JSON ends as one rejected line, not a worker rejecting it for good. */
    @Test
    void anNdjsonFileEndingInABrokenValueCompletesWithThatLineRejected() {
        String location = given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/x-ndjson")
                .body("{bad".getBytes(StandardCharsets.UTF_8)).queryParam("storeId", "store-a")
                .when().post("/api/customer-imports").then().statusCode(202).extract().header("Location");
        awaitStatus(location, "COMPLETED");
        given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                .body("rowsRead", equalTo(1)).body("rejected", equalTo(1)).body("imported", equalTo(0));
        String report = given().header("Authorization", Tokens.bearer("manager.a")).when().get(location + "/rejections")
                .then().statusCode(200).extract().asString();
        assertTrue(report.contains("{bad"), "the report shows the line as it was sent: " + report);
    }

    /**
     * The row's phone belongs to a customer of this store and, registered later, to one of another
     * store: the row is merged into this store's customer, not made a new one (the look-up by phone
     * used to keep whichever owner it read last and drop it when that one was in the other store).
     */
    @Test
    void aRowMatchesItsStoresCustomerWhenAnotherStoreHasTheSamePhone() {
        String shared = phone();
        String here = registerWithPhone("consultant.a", "store-a", shared);
        registerWithPhone("consultant.b", "store-b", shared);
        String location = submit("name,phone,city\n李娜," + shared + ",杭州市\n");
        awaitStatus(location, "COMPLETED");
        given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                .body("merged", equalTo(1)).body("imported", equalTo(0));
        given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("phone", shared)
                .when().get("/api/customers").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].id", equalTo(here))
                .body("items[0].address.city", equalTo("杭州市"));
    }

    /** A stray quote in a CSV costs its own row: the rows after it are imported, and the report shows it as sent. */
    @Test
    void aCsvRowWithAStrayQuoteIsRejectedAloneAndTheRowsAfterItAreImported() {
        String location = submit("name,phone\n王伟," + phone() + "\n\"李娜," + phone() + "\n赵六," + phone() + "\n钱七," + phone() + "\n");
        awaitStatus(location, "COMPLETED");
        given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                .body("rowsRead", equalTo(4)).body("rejected", equalTo(1)).body("imported", equalTo(3));
        String report = given().header("Authorization", Tokens.bearer("manager.a")).when().get(location + "/rejections")
                .then().statusCode(200).extract().asString();
        assertTrue(report.contains("unreadable CSV at line 3") && report.contains("李娜"), "the line and the row as sent: " + report);
    }

    /**
     * Starting a replica fails only the jobs it ran before (same host and pid, as in a restarted
     * container); any replica fails the jobs of a runner silent for four beats; a live replica's running
     * job is left alone.
     */
    @Test
    void onlyTheJobsOfAStoppedReplicaAreFailed() {
        String live = "replica-live:" + UUID.randomUUID();
        String gone = "replica-gone:" + UUID.randomUUID();
        update("INSERT INTO import_runner (id, seen_at) VALUES (?, now())", live);
        update("INSERT INTO import_runner (id, seen_at) VALUES (?, now() - interval '5 minutes')", gone);
        UUID ofLive = job("RUNNING", live);
        UUID ofGone = job("RUNNING", gone);
        UUID queuedOfGone = job("QUEUED", gone);
        UUID ofEarlierSelf = job("RUNNING", runners.self());
        try {
            runners.onStart(null);
            assertEquals("FAILED", status(ofEarlierSelf));
            assertEquals("RUNNING", status(ofGone)); // not this replica's: left to the sweep

            runners.sweep();
            assertEquals("RUNNING", status(ofLive));
            assertEquals("FAILED", status(ofGone));
            assertEquals("FAILED", status(queuedOfGone));
            assertEquals(1, count("SELECT count(*) FROM import_job WHERE id = ? AND failure LIKE"
                    + " 'the replica running the import stopped answering%' AND finished_at IS NOT NULL", ofGone));
        } finally {
            for (UUID id : new UUID[] {ofLive, ofGone, queuedOfGone, ofEarlierSelf}) {
                update("DELETE FROM import_job WHERE id = ?", id);
            }
            update("DELETE FROM import_runner WHERE id IN (?, ?)", live, gone);
        }
    }

    // ---------------------------------------------------------------- helpers

    private static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    private static String rows(int n) {
        StringBuilder csv = new StringBuilder("name,phone\n");
        for (int i = 0; i < n; i++) {
            csv.append("李娜,").append(phone()).append('\n');
        }
        return csv.toString();
    }

    private static String registerWithPhone(String user, String storeId, String phone) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json")
                .body("{\"storeId\":\"" + storeId + "\",\"kind\":\"INDIVIDUAL\",\"name\":\"李娜\",\"phones\":[\"" + phone + "\"]}")
                .when().post("/api/customers").then().statusCode(201).extract().path("id");
    }

    private static String submit(String csv) {
        return given().header("Authorization", Tokens.bearer("manager.a")).contentType("text/csv").body(csv.getBytes(StandardCharsets.UTF_8))
                .queryParam("storeId", "store-a")
                .when().post("/api/customer-imports").then().statusCode(202).extract().header("Location");
    }

    private static void awaitStatus(String location, String status) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                        .body("status", equalTo(status)));
    }

    private static UUID jobId(String location) {
        return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
    }

    private UUID job(String status, String runner) {
        UUID id = UUID.randomUUID();
        update("INSERT INTO import_job (id, store_id, format, status, submitted_by, runner) VALUES (?, 'store-a', 'CSV', ?, 'test', ?)",
                id, status, runner);
        return id;
    }

    private String status(UUID job) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT status FROM import_job WHERE id = ?")) {
            s.setObject(1, job);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

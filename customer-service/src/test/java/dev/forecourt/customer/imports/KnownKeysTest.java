package dev.forecourt.customer.imports;

import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import's filter of the keys in the database: it holds what was there when it was loaded,
 * what others added since (read from key_added before each chunk), and stops being trusted once
 * another import runs beside it.
 */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "customer"))
class KnownKeysTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aFilterHoldsWhatItWasGivenAndFewOfTheKeysItWasNot() {
        KnownKeys filter = new KnownKeys(20_000, UUID.randomUUID());
        byte[][] added = new byte[10_000][];
        for (int i = 0; i < added.length; i++) {
            added[i] = random32();
            filter.add(added[i]);
            filter.add("LSVAU2180N" + String.format("%07d", i));
        }
        for (int i = 0; i < added.length; i++) {
            assertTrue(filter.mightHold(added[i]), "no false negatives");
            assertTrue(filter.mightHold("LSVAU2180N" + String.format("%07d", i)), "no false negatives");
        }
        // Twelve bits a key: about 0.5 % of absent keys pass, hashes and VINs alike (VINs differing in
        // a few characters must not crowd into the same bits).
        int hashes = 0;
        int vins = 0;
        for (int i = 0; i < 100_000; i++) {
            if (filter.mightHold(random32())) hashes++;
            if (filter.mightHold("LFV2A2150K" + String.format("%07d", i))) vins++;
        }
        assertTrue(hashes < 1_000, hashes + " of 100,000 absent hashes");
        assertTrue(vins < 1_000, vins + " of 100,000 absent VINs");
        System.out.printf("key filter: %d hashes and %d VINs of 100,000 absent ones passed%n", hashes, vins);
    }

    @Test
    void keysAddedAfterTheFilterWasLoadedAreReadFromTheLogBeforeTheNextChunk() throws Exception {
        String phone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String before = register(phone);
        KnownKeys filter;
        try (Connection c = dataSource.getConnection()) {
            filter = KnownKeys.load(c, UUID.randomUUID(), KnownKeys.keysInDatabase(c), 1000);
            assertTrue(filter.mightHold(phoneHash(c, before)), "a key in the database when the filter was loaded");

            // Registered while the import runs: through the API, like a walk-in at the front desk.
            String laterPhone = "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
            String later = register(laterPhone);
            byte[] laterHash = phoneHash(c, later);
            filter.catchUp(c);
            assertTrue(filter.mightHold(laterHash), "read from key_added");
            assertTrue(filter.on());
        }
    }

    @Test
    void anotherImportRunningBesideItTurnsTheFilterOff() throws Exception {
        try (Connection c = dataSource.getConnection()) {
            KnownKeys filter = KnownKeys.load(c, UUID.randomUUID(), KnownKeys.keysInDatabase(c), 1000);
            filter.catchUp(c);
            assertTrue(filter.on(), "no other import since it was loaded");
            UUID other = UUID.randomUUID();
            try (PreparedStatement s = c.prepareStatement("INSERT INTO import_job (id, store_id, format, status, started_at,"
                    + " submitted_by) VALUES (?, 'store-b', 'CSV', 'RUNNING', now(), 'test')")) {
                s.setObject(1, other);
                s.executeUpdate();
            }
            try {
                filter.catchUp(c);
                assertFalse(filter.on(), "its keys are in no log");
                assertTrue(filter.mightHold(random32()), "off: every key may be held, so every key is looked up");
            } finally {
                try (PreparedStatement s = c.prepareStatement("UPDATE import_job SET status = 'COMPLETED',"
                        + " finished_at = now() WHERE id = ?")) {
                    s.setObject(1, other);
                    s.executeUpdate();
                }
            }
        }
    }

    @Test
    void onlyALargeFileLoadsAFilter() {
        assertFalse(KnownKeys.pays(5_000, 20_000, 0), "a small file probes");
        assertFalse(KnownKeys.pays(50_000, 20_000, 10_000_000), "reading ten million keys costs more than the probes");
        assertTrue(KnownKeys.pays(1_000_000, 20_000, 3_000_000));
        assertTrue(KnownKeys.pays(1, 0, 3_000_000), "0: always (tests)");
    }

    private static String register(String phone) {
        return given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"name\":\"王芳\",\"phones\":[\"" + phone + "\"]}")
                .when().post("/api/customers").then().statusCode(201).extract().path("id");
    }

    private static byte[] phoneHash(Connection c, String customerId) throws Exception {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT value_hash FROM customer_identifier WHERE customer_id = ? AND kind = 'PHONE'")) {
            s.setObject(1, UUID.fromString(customerId));
            try (ResultSet r = s.executeQuery()) {
                assertTrue(r.next());
                return r.getBytes(1);
            }
        }
    }

    private static byte[] random32() {
        byte[] b = new byte[32];
        ThreadLocalRandom.current().nextBytes(b);
        return b;
    }
}

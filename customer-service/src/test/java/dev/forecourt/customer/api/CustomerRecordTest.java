package dev.forecourt.customer.api;

import dev.forecourt.customer.domain.IdCardNumber;
import dev.forecourt.platform.vehicle.Vin;
import dev.forecourt.customer.events.CustomerEvents;
import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.service.DailyCare;
import dev.forecourt.customer.service.Loyalty;
import dev.forecourt.platform.events.CloudEvents;
import dev.forecourt.platform.events.DomainEvent;
import dev.forecourt.platform.testing.ConsumerGroupAtEnd;
import dev.forecourt.platform.testing.EventSchemas;
import dev.forecourt.platform.testing.KafkaEvents;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The customer record of issue #4 through its API, against real PostgreSQL, Kafka and Keycloak. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "customer"))
@QuarkusTestResource(value = ConsumerGroupAtEnd.class, initArgs = @ResourceArg(name = "channel", value = "lead-events"))
@QuarkusTestResource(value = ConsumerGroupAtEnd.class, initArgs = @ResourceArg(name = "channel", value = "aftersales-events"))
class CustomerRecordTest {

    static final String PROBLEM = "application/problem+json";

    @Inject
    EntityManager em;

    @Inject
    DailyCare dailyCare;

    @Inject
    Loyalty loyalty;

    @Inject
    io.micrometer.core.instrument.MeterRegistry metrics;

    // ---------------------------------------------------------------- helpers

    /** A fresh valid mainland mobile number, so tests never match each other's customers. */
    static String phone() {
        return "139" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    /**
     * A fresh valid ID-card number: random birth date (1950-2004) and sequence, correct MOD 11-2
     * check digit. With the sequence alone (1,000 numbers) a new number matched one of the ~50
     * customers the tests had registered about one time in twenty, and an import test then saw
     * its "new" row merged.
     */
    static String idNumber() {
        LocalDate born = LocalDate.of(1950, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(20_000));
        String body = "110105" + born.toString().replace("-", "")
                + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        return body + IdCardNumber.checkCharacter(body);
    }

    /** A fresh valid VIN with its check digit. */
    static String vin() {
        String chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder b = new StringBuilder("LSV");
        for (int i = 0; i < 14; i++) b.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        b.setCharAt(8, Vin.checkDigit(b.toString()));
        return b.toString();
    }

    static ExtractableResponse<Response> register(String user, String body) {
        return given().header("Authorization", Tokens.bearer(user)).contentType("application/json").body(body)
                .when().post("/api/customers").then().extract();
    }

    static String registerPerson(String phone, String id) {
        var r = register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"name\":\"张伟\",\"phones\":[\""
                + phone + "\"],\"emails\":[\"zhang.wei@example.com\"],\"idNumber\":\"" + id + "\",\"birthDate\":\"1985-01-01\","
                + "\"address\":{\"province\":\"北京\",\"city\":\"北京\",\"district\":\"朝阳\",\"street\":\"建国路88号\"}}");
        assertEquals(201, r.statusCode(), r.body().asString());
        return r.path("id");
    }

    static byte[] event(String type, String subject, Map<String, Object> data, UUID id) {
        var event = new DomainEvent(type, "lead", subject, "store-a", data);
        byte[] json;
        try {
            json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return CloudEvents.serialize(CloudEvents.envelope(id, "/forecourt/test", event, json, null));
    }

    long count(String sql, Object... params) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var q = em.createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) q.setParameter(i + 1, params[i]);
            return ((Number) q.getSingleResult()).longValue();
        });
    }

    // ---------------------------------------------------------------- personal data

    @Test
    void personalDataIsEncryptedAtRestAndNowhereInPlaintext() {
        String phone = phone();
        String id = idNumber();
        String customer = registerPerson(phone, id);
        // Every column of the customer's rows as text, bytea as hex: none holds a value, in text or in bytes.
        String dump = QuarkusTransaction.requiringNew().call(() -> String.valueOf(em.createNativeQuery(
                "SELECT concat(c::text, (SELECT string_agg(i::text, '|') FROM customer_identifier i WHERE i.customer_id = c.id),"
                        + " (SELECT string_agg(ch::text, '|') FROM customer_change ch WHERE ch.customer_id = c.id))"
                        + " FROM customer c WHERE c.id = ?1").setParameter(1, UUID.fromString(customer)).getSingleResult()));
        for (String plain : List.of(phone, phone.substring(3), id, "zhang.wei@example.com", "张伟", "建国路")) {
            assertFalse(dump.contains(plain), "plaintext " + plain + " found in the tables");
            String hex = java.util.HexFormat.of().formatHex(plain.getBytes(StandardCharsets.UTF_8));
            assertFalse(dump.contains(hex), "plaintext bytes of " + plain + " found in the tables");
        }
        assertTrue(dump.contains(phone.substring(0, 3) + "****" + phone.substring(7)), "the audit keeps the masked phone");
    }

    @Test
    void listsMaskWhileTheSingleReadIsFullAndAudited() {
        String phone = phone();
        String id = idNumber();
        String customer = registerPerson(phone, id);

        given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("phone", phone)
                .when().get("/api/customers").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(customer))
                .body("items[0].masked", equalTo(true))
                .body("items[0].phones[0]", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)))
                .body("items[0].idNumber", equalTo(id.substring(0, 3) + "***********" + id.substring(14)))
                .body("items[0].name", equalTo("张*"));

        given().header("Authorization", Tokens.bearer("consultant.a"))
                .when().get("/api/customers/" + customer).then().statusCode(200)
                .body("masked", equalTo(false))
                .body("phones[0]", equalTo("+86" + phone))
                .body("idNumber", equalTo(id))
                .body("name", equalTo("张伟"))
                .body("address.street", equalTo("建国路88号"));

        // What other services ask (lead-service, for a customer it has not heard of): nothing personal, so
        // not a read to audit.
        given().header("Authorization", Tokens.bearer("consultant.a"))
                .when().get("/api/customers/" + customer + "/summary").then().statusCode(200)
                .body("keySet()", org.hamcrest.Matchers.containsInAnyOrder("id", "storeId", "kind", "lifecycleClass",
                        "createdAt", "mergedInto"))
                .body("id", equalTo(customer))
                .body("storeId", equalTo("store-a"))
                .body("kind", equalTo("INDIVIDUAL"))
                .body("lifecycleClass", equalTo("POTENTIAL"))
                .body("createdAt", org.hamcrest.Matchers.notNullValue());

        given().header("Authorization", Tokens.bearer("manager.a"))
                .when().get("/api/customers/" + customer + "/personal-data-access").then().statusCode(200)
                .body("", hasSize(1))
                .body("[0].actorName", equalTo("consultant.a"));
        // Reading the access log is not itself a full read; consultants may not read it.
        given().header("Authorization", Tokens.bearer("consultant.a"))
                .when().get("/api/customers/" + customer + "/personal-data-access").then().statusCode(403);
    }

    @Test
    void invalidPersonalDataIsA422NamingFieldAndRule() {
        register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"phones\":[\"12345\"],"
                + "\"idNumber\":\"110105194912310021\",\"emails\":[\"not-an-email\"]}")
                .response().then().statusCode(422).contentType(PROBLEM)
                .body("errors.field", hasItem("phones[0]"))
                .body("errors.find { it.field == 'phones[0]' }.rule", equalTo("MainlandMobile"))
                .body("errors.find { it.field == 'idNumber' }.rule", equalTo("ValidIdCardNumber"))
                .body("errors.find { it.field == 'idNumber' }.message", containsString("check digit"))
                .body("errors.find { it.field == 'emails[0]' }.rule", equalTo("ValidEmail"));
    }

    @Test
    void changesAreVersionedAndReadableAsHistory() {
        String customer = registerPerson(phone(), idNumber());
        String etag = given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + customer)
                .then().extract().header("ETag");
        given().header("Authorization", Tokens.bearer("consultant.a")).header("If-Match", etag).contentType("application/json")
                .body("{\"occupation\":\"engineer\",\"name\":\"张伟明\"}")
                .when().patch("/api/customers/" + customer).then().statusCode(200);
        given().header("Authorization", Tokens.bearer("manager.a"))
                .when().get("/api/customers/" + customer + "/history").then().statusCode(200)
                .body("find { it.field == 'occupation' }.newValue", equalTo("engineer"))
                .body("find { it.field == 'name' && it.reason == null }.oldValue", equalTo("张*"))
                .body("find { it.field == 'name' && it.reason == null }.newValue", equalTo("张**"))
                .body("find { it.field == 'occupation' }.actor", equalTo(Tokens.subject("consultant.a")));
    }

    // ---------------------------------------------------------------- vehicles

    @Test
    void vehiclesAreValidatedFoundByVinAndChangeHands() {
        String owner = registerPerson(phone(), idNumber());
        String buyer = registerPerson(phone(), idNumber());
        String vin = vin();
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"vin\":\"" + vin.substring(0, 8) + (vin.charAt(8) == '1' ? '2' : '1') + vin.substring(9) + "\"}")
                .when().post("/api/customers/" + owner + "/vehicles").then().statusCode(422)
                .body("errors[0].field", equalTo("vin")).body("errors[0].rule", equalTo("ValidVin"));
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"vin\":\"11111111111111111\"}")
                .when().post("/api/customers/" + owner + "/vehicles").then().statusCode(422)
                .body("errors[0].message", containsString("repeated"));
        String vehicle = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"vin\":\"" + vin + "\",\"brand\":\"Buick\",\"model\":\"GL8\",\"purchaseDate\":\"2024-03-01\"}")
                .when().post("/api/customers/" + owner + "/vehicles").then().statusCode(201)
                .body("warrantyEnd", equalTo("2027-03-01")).body("warrantyKm", equalTo(100000))
                .extract().path("id");
        given().header("Authorization", Tokens.bearer("advisor.a")).queryParam("vin", vin)
                .when().get("/api/vehicles").then().statusCode(200).body("items[0].id", equalTo(vehicle));

        given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                .body("{\"readOn\":\"2025-01-10\",\"km\":12000,\"source\":\"SERVICE\"}")
                .when().post("/api/vehicles/" + vehicle + "/odometer-readings").then().statusCode(201);
        given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                .body("{\"readOn\":\"2025-02-10\",\"km\":11000,\"source\":\"SERVICE\"}")
                .when().post("/api/vehicles/" + vehicle + "/odometer-readings").then().statusCode(422)
                .body("errors[0].field", equalTo("km")).body("errors[0].rule", equalTo("NotBelowEarlierReading"));
        // A reading entered late must fit between its neighbours too: the odometer never goes back.
        given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                .body("{\"readOn\":\"2024-12-01\",\"km\":15000,\"source\":\"SERVICE\"}")
                .when().post("/api/vehicles/" + vehicle + "/odometer-readings").then().statusCode(422)
                .body("errors[0].field", equalTo("km")).body("errors[0].rule", equalTo("NotAboveLaterReading"));
        given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                .body("{\"readOn\":\"2024-12-01\",\"km\":9000,\"source\":\"SERVICE\"}")
                .when().post("/api/vehicles/" + vehicle + "/odometer-readings").then().statusCode(201);

        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"customerId\":\"" + buyer + "\",\"on\":\"2025-06-01\"}")
                .when().post("/api/vehicles/" + vehicle + "/transfers").then().statusCode(200)
                .body("ownerId", equalTo(buyer));
        given().header("Authorization", Tokens.bearer("advisor.a"))
                .when().get("/api/vehicles/" + vehicle).then().statusCode(200)
                .body("previousOwners[0].customerId", equalTo(owner))
                .body("previousOwners[0].until", equalTo("2025-06-01"))
                .body("odometer.km", equalTo(List.of(9000, 12000))); // by date, the late one first
    }

    // ---------------------------------------------------------------- lifecycle

    long lostBetween(java.time.LocalDate from, java.time.LocalDate to) {
        return measure("lost", from, to);
    }

    long measure(String figure, java.time.LocalDate from, java.time.LocalDate to) {
        return given().header("Authorization", Tokens.bearer("manager.a")).queryParam("storeId", "store-a")
                .queryParam("from", from.toString()).queryParam("to", to.toString())
                .when().get("/api/customer-measures/loyalty").then().statusCode(200).extract().<Number>path(figure).longValue();
    }

    /** A merge that gives a survivor a lost owner's class does not count that person as lost a second time. */
    @Test
    void aMergeDoesNotCountALostOwnerTwice() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        String phone = phone();
        String older = registerPerson(phone, idNumber());
        String newer = register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"phones\":[\"" + phone
                + "\"]}").path("id");
        for (String body : List.of("{\"lifecycleClass\":\"OWNER\",\"reason\":\"bought here\"}",
                "{\"lifecycleClass\":\"LOST\",\"lostStage\":\"FIRST_SERVICE_LOST\",\"reason\":\"no first service\"}")) {
            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json").body(body)
                    .when().put("/api/customers/" + newer + "/lifecycle-class").then().statusCode(200);
        }
        long lost = lostBetween(today.minusDays(1), today.plusDays(2));
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"customerIds\":[\"" + newer + "\",\"" + older + "\"],\"reason\":\"same person\"}")
                .when().post("/api/customer-merges").then().statusCode(201).body("survivorId", equalTo(older));
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + older)
                .then().body("lifecycleClass", equalTo("LOST"));
        assertEquals(lost, lostBetween(today.minusDays(1), today.plusDays(2)));
    }

    /** An owner of a car we sold, registered by hand, who buys again is a sale to an existing customer. */
    @Test
    void aSaleToTheOwnerOfACarWeSoldCountsAsASaleToAnExistingCustomer() {
        LocalDate today = LocalDate.now(java.time.ZoneOffset.UTC);
        long before = measure("salesToExisting", today.minusDays(1), today.plusDays(2));
        String owner = registerPerson(phone(), idNumber());
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"vin\":\"" + vin() + "\",\"soldByUs\":true,\"purchaseDate\":\"2023-05-01\"}")
                .when().post("/api/customers/" + owner + "/vehicles").then().statusCode(201);
        QuarkusTransaction.requiringNew().run(() -> loyalty.recordActivity(em.find(Customer.class, UUID.fromString(owner),
                        jakarta.persistence.LockModeType.PESSIMISTIC_WRITE), Loyalty.Activity.PURCHASE,
                new java.math.BigDecimal("180000"), today, "test:" + UUID.randomUUID(), "test"));
        assertEquals(before + 1, measure("salesToExisting", today.minusDays(1), today.plusDays(2)));
    }

    /**
     * A customer counts as lost in the period they became lost, not again in a later one where their
     * lost stage moves on (LOST -> LOST). Their first classifications are moved 60 days back.
     */
    @Test
    void theLostCountCountsCustomersBecomingLostNotTheirStagesMovingOn() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        java.time.LocalDate thenFrom = today.minusDays(61), thenTo = today.minusDays(58);
        java.time.LocalDate nowFrom = today.minusDays(1), nowTo = today.plusDays(2);
        long thenBefore = lostBetween(thenFrom, thenTo);
        long nowBefore = lostBetween(nowFrom, nowTo);
        String customer = registerPerson(phone(), idNumber());
        String path = "/api/customers/" + customer + "/lifecycle-class";
        for (String body : List.of("{\"lifecycleClass\":\"OWNER\",\"reason\":\"bought here\"}",
                "{\"lifecycleClass\":\"LOST\",\"lostStage\":\"FIRST_SERVICE_LOST\",\"reason\":\"no first service\"}")) {
            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json").body(body)
                    .when().put(path).then().statusCode(200);
        }
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE customer_change"
                + " SET changed_at = changed_at - interval '60 days' WHERE customer_id = ?1 AND field = 'lifecycleClass'")
                .setParameter(1, UUID.fromString(customer)).executeUpdate());
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"lifecycleClass\":\"LOST\",\"lostStage\":\"BASE_LOST\",\"reason\":\"a year more\"}")
                .when().put(path).then().statusCode(200);
        assertEquals(thenBefore + 1, lostBetween(thenFrom, thenTo), "lost then");
        assertEquals(nowBefore, lostBetween(nowFrom, nowTo), "not lost again now");
    }

    @Test
    void managersClassifyWithAReasonAndIllegalMovesAreRefused() {
        try (KafkaEvents events = KafkaEvents.tail("customer-events")) {
            String customer = registerPerson(phone(), idNumber());
            String path = "/api/customers/" + customer + "/lifecycle-class";
            given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                    .body("{\"lifecycleClass\":\"INTENT\",\"leadGrade\":\"A\",\"reason\":\"x\"}")
                    .when().put(path).then().statusCode(403);
            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"lifecycleClass\":\"INTENT\",\"reason\":\"asked for a quote\"}")
                    .when().put(path).then().statusCode(422).body("errors[0].field", equalTo("leadGrade"));
            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"lifecycleClass\":\"LOST\",\"lostStage\":\"BASE_LOST\",\"reason\":\"never bought\"}")
                    .when().put(path).then().statusCode(409).contentType(PROBLEM)
                    .body("detail", containsString("cannot become LOST"));
            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"lifecycleClass\":\"INTENT\",\"leadGrade\":\"A\",\"reason\":\"asked for a quote\"}")
                    .when().put(path).then().statusCode(200)
                    .body("lifecycleClass", equalTo("INTENT")).body("leadGrade", equalTo("A"));
            var classified = events.awaitEvent(CustomerEvents.CLASSIFIED, customer, Duration.ofSeconds(10));
            EventSchemas.assertValid(classified.value());
            assertEquals("POTENTIAL", classified.data().get("from").asText());
            assertEquals("MANUAL", classified.data().get("cause").asText());
            assertTrue(classified.data().get("reason").isNull(), "a manager's free text stays in the history");
            given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customers/" + customer + "/history")
                    .then().body("find { it.field == 'lifecycleClass' }.reason", equalTo("asked for a quote"));
        }
    }

    /**
     * A database outage longer than a batch's few quick retries (a failover, a restart) is waited out:
     * the lead event that arrived meanwhile is applied once the database is back, and is not
     * dead-lettered (the dead-letter topic is for events that cannot be read, not for a database away).
     */
    @Test
    void aLeadEventArrivingWhileTheDatabaseIsAwayIsAppliedWhenItReturns() throws Exception {
        String customer = registerPerson(phone(), idNumber());
        UUID eventId = UUID.randomUUID();
        byte[] upgrade = event("forecourt.lead.upgraded.v1", customer, Map.of("leadId", UUID.randomUUID().toString(),
                "customerId", customer, "storeId", "store-a", "from", "B", "to", "A", "reason", "asked for a quote"), eventId);
        var config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        try (KafkaEvents deadLetters = KafkaEvents.tail("customer-service.lead-events.dlq");
             java.sql.Connection owner = java.sql.DriverManager.getConnection(
                     config.getValue("quarkus.datasource.jdbc.url", String.class),
                     config.getValue("quarkus.datasource.username", String.class),
                     config.getValue("quarkus.datasource.password", String.class));
             java.sql.Statement s = owner.createStatement()) {
            String database;
            try (var r = s.executeQuery("SELECT current_database()")) {
                r.next();
                database = r.getString(1);
            }
            // The outage: no new connections to the service's database (SQLSTATE 53300), and none left open.
            s.execute("ALTER DATABASE " + database + " CONNECTION LIMIT 0");
            try {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                        + " AND pid <> pg_backend_pid() AND backend_type = 'client backend'");
                double waitsBefore = databaseWaits();
                KafkaEvents.sendCloudEvent("lead-events", customer, upgrade);
                // The outage lasts until the batch has been tried six more times (0.2 s doubling to 3.2 s
                // between them): longer than the channel's own five retries half a second apart.
                await().atMost(Duration.ofSeconds(30)).until(() -> databaseWaits() >= waitsBefore + 6);
            } finally {
                s.execute("ALTER DATABASE " + database + " CONNECTION LIMIT -1");
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + customer)
                            .then().statusCode(200).body("lifecycleClass", equalTo("INTENT")).body("leadGrade", equalTo("A")));
            assertTrue(deadLetters.all().stream().noneMatch(r -> r.event() != null && eventId.toString().equals(r.event().getId())),
                    "not dead-lettered");
        }
    }

    private double databaseWaits() {
        return metrics.counter(dev.forecourt.platform.inbox.EventBatches.DATABASE_WAITS).count();
    }

    @Test
    void salesAndServiceEventsDriveTheLifecycleOnceEvenWhenDeliveredTwice() {
        String customer = registerPerson(phone(), idNumber());
        UUID upgraded = UUID.randomUUID();
        byte[] upgrade = event("forecourt.lead.upgraded.v1", customer, Map.of("leadId", UUID.randomUUID().toString(),
                "customerId", customer, "storeId", "store-a", "from", "B", "to", "H", "reason", "test drive booked"), upgraded);
        KafkaEvents.sendCloudEvent("lead-events", customer, upgrade);
        KafkaEvents.sendCloudEvent("lead-events", customer, upgrade);
        String vin = vin();
        String order = UUID.randomUUID().toString();
        byte[] delivered = event("forecourt.lead.vehicle-delivered.v1", customer, Map.of("orderId", order,
                "customerId", customer, "storeId", "store-a", "vin", vin, "price", Map.of("amount", "200000.00", "currency", "CNY"),
                "deliveredOn", LocalDate.now().toString(), "brand", "Buick", "model", "GL8"), UUID.randomUUID());
        KafkaEvents.sendCloudEvent("lead-events", customer, delivered);
        KafkaEvents.sendCloudEvent("lead-events", customer, delivered);

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + customer)
                        .then().body("lifecycleClass", equalTo("OWNER")).body("valueTier", equalTo("GOLD")));
        UUID id = UUID.fromString(customer);
        assertEquals(2, count("SELECT count(*) FROM customer_change WHERE customer_id = ?1 AND field = 'lifecycleClass'", id),
                "POTENTIAL → INTENT (H) → OWNER, each once");
        assertEquals(1, count("SELECT count(*) FROM vehicle WHERE owner_id = ?1", id));
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + customer + "/points")
                .then().statusCode(200).body("balance", equalTo(20000)).body("tier", equalTo("GOLD"))
                .body("benefits", hasItem("free exterior wash"));

        // Three years later aftersales says the owner lapsed; a paid repair order brings them back.
        KafkaEvents.sendCloudEvent("aftersales-events", customer, event("forecourt.aftersales.service-lapsed.v1", customer,
                Map.of("customerId", customer, "storeId", "store-a", "stage", "BASE_LOST"), UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + customer)
                        .then().body("lifecycleClass", equalTo("LOST")).body("lostStage", equalTo("BASE_LOST")));
        KafkaEvents.sendCloudEvent("aftersales-events", customer, event("forecourt.aftersales.repair-order-settled.v1", customer,
                Map.of("repairOrderId", UUID.randomUUID().toString(), "customerId", customer, "storeId", "store-a", "vin", vin,
                        "amount", Map.of("amount", "800.00", "currency", "CNY"), "settledOn", LocalDate.now().toString(),
                        "odometerKm", 15000), UUID.randomUUID()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + customer)
                        .then().body("lifecycleClass", equalTo("OWNER")));
    }

    @Test
    void anUnreadableEventIsParkedWithItsReasonAndTheRestGoOn() {
        try (KafkaEvents dlq = KafkaEvents.tail("customer-service.lead-events.dlq")) {
            String customer = registerPerson(phone(), idNumber());
            KafkaEvents.sendCloudEvent("lead-events", customer, event("forecourt.lead.defeated.v1", customer,
                    Map.of("customerId", "not-a-uuid", "storeId", "store-a"), UUID.randomUUID()));
            KafkaEvents.sendCloudEvent("lead-events", customer, event("forecourt.lead.defeated.v1", customer,
                    Map.of("leadId", UUID.randomUUID().toString(), "customerId", customer, "storeId", "store-a",
                            "reason", "bought a competitor", "competitor", "BYD"), UUID.randomUUID()));
            var parked = dlq.await(r -> r.key().equals(customer), Duration.ofSeconds(20));
            assertTrue(parked.headers().get("dead-letter-reason").contains("UUID"), parked.headers().toString());
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                    given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + customer)
                            .then().body("lifecycleClass", equalTo("DEFEATED")));
        }
    }

    // ---------------------------------------------------------------- identity

    @Test
    void findOrCreateMatchesOnIdNumberPhoneOrVin() {
        String phone = phone();
        String id = idNumber();
        String body = "{\"storeId\":\"store-a\",\"phone\":\"" + phone + "\",\"sourceChannel\":\"WEBSITE\"}";
        String created = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json").body(body)
                .when().post("/api/customers/resolve").then().statusCode(201).body("created", equalTo(true))
                .extract().path("customerId");
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"phone\":\"+86 " + phone + "\",\"idNumber\":\"" + id + "\"}")
                .when().post("/api/customers/resolve").then().statusCode(200)
                .body("customerId", equalTo(created)).body("matchedOn", equalTo("PHONE"));
        // Another store has its own record of the person.
        given().header("Authorization", Tokens.bearer("consultant.b")).contentType("application/json")
                .body("{\"storeId\":\"store-b\",\"phone\":\"" + phone + "\"}")
                .when().post("/api/customers/resolve").then().statusCode(201);
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\"}")
                .when().post("/api/customers/resolve").then().statusCode(422);
    }

    /** Insurance renewed, a new plate: the vehicle's record changes under If-Match, into the owner's history and an event. */
    @Test
    void aVehiclesRecordChangesWithItsVersionAndIsAudited() {
        try (KafkaEvents events = KafkaEvents.tail("customer-events")) {
            String owner = registerPerson(phone(), idNumber());
            var created = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                    .body("{\"vin\":\"" + vin() + "\",\"insuranceExpiry\":\"2026-03-01\"}")
                    .when().post("/api/customers/" + owner + "/vehicles").then().statusCode(201).extract();
            String vehicle = created.path("id");
            String etag = given().header("Authorization", Tokens.bearer("advisor.a")).when().get("/api/vehicles/" + vehicle)
                    .then().statusCode(200).extract().header("ETag");
            String newTag = given().header("Authorization", Tokens.bearer("advisor.a")).header("If-Match", etag)
                    .contentType("application/json").body("{\"insuranceExpiry\":\"2027-03-01\",\"plate\":\"浙A12345\"}")
                    .when().patch("/api/vehicles/" + vehicle).then().statusCode(200)
                    .body("insuranceExpiry", equalTo("2027-03-01")).body("plate", equalTo("浙A12345"))
                    .extract().header("ETag");
            assertNotEquals(etag, newTag);
            given().header("Authorization", Tokens.bearer("advisor.a")).header("If-Match", etag)
                    .contentType("application/json").body("{\"colour\":\"red\"}")
                    .when().patch("/api/vehicles/" + vehicle).then().statusCode(412);
            given().header("Authorization", Tokens.bearer("advisor.a")).header("If-Match", newTag)
                    .contentType("application/json").body("{\"warrantyKm\":-1}")
                    .when().patch("/api/vehicles/" + vehicle).then().statusCode(422).contentType(PROBLEM)
                    .body("errors[0].field", containsString("warrantyKm"));
            given().header("Authorization", Tokens.bearer("advisor.a")).header("If-Match", newTag)
                    .contentType("application/json").body("{\"vin\":\"" + vin() + "\"}")
                    .when().patch("/api/vehicles/" + vehicle).then().statusCode(422).contentType(PROBLEM)
                    .body("errors[0].field", containsString("vin"));
            var updated = events.awaitEvent(CustomerEvents.VEHICLE_UPDATED, vehicle, Duration.ofSeconds(10));
            EventSchemas.assertValid(updated.value());
            assertEquals(List.of("plate", "insuranceExpiry"), List.of(updated.data().get("fields").get(0).asText(),
                    updated.data().get("fields").get(1).asText()));
            assertFalse(new String(updated.value(), java.nio.charset.StandardCharsets.UTF_8).contains("12345"), "no plate in the event");
            given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customers/" + owner + "/history")
                    .then().body("find { it.field == 'vehicle.insuranceExpiry' }.oldValue", equalTo("2026-03-01"))
                    .body("find { it.field == 'vehicle.insuranceExpiry' }.newValue", equalTo("2027-03-01"))
                    .body("find { it.field == 'vehicle.insuranceExpiry' }.actor", equalTo(Tokens.subject("advisor.a")));
        }
    }

    /** A tier is earned by the last 24 months: the daily job lowers it when the spend that earned it leaves them, and says why. */
    @Test
    void aValueTierFallsWhenItsSpendLeavesTheTwentyFourMonths() {
        String customer = registerPerson(phone(), idNumber());
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        QuarkusTransaction.requiringNew().run(() -> loyalty.recordActivity(em.find(Customer.class, UUID.fromString(customer),
                        jakarta.persistence.LockModeType.PESSIMISTIC_WRITE), Loyalty.Activity.PURCHASE,
                new java.math.BigDecimal("200000"), today.minusMonths(24), "test:" + UUID.randomUUID(), "test"));
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + customer)
                .then().body("valueTier", equalTo("GOLD"));
        assertTrue(dailyCare.reviewTiers(today) >= 1);
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + customer)
                .then().body("valueTier", equalTo("POTENTIAL"));
        given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customers/" + customer + "/history")
                .then().body("findAll { it.field == 'valueTier' }.newValue", equalTo(List.of("GOLD", "POTENTIAL")));
        assertEquals(0, dailyCare.reviewTiers(today), "a second run changes nothing");
    }

    /**
     * A new contact record (the survivor) merged with the record of an owner who is a VIP: the person
     * is an owner and a VIP, which the merge says and publishes; its undo puts the survivor back.
     */
    @Test
    void aMergeKeepsTheOwnersClassAndVipAndItsUndoPutsTheSurvivorsBack() {
        try (KafkaEvents events = KafkaEvents.tail("customer-events")) {
            String phone = phone();
            String older = registerPerson(phone, idNumber());
            String newer = register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"phones\":[\"" + phone
                    + "\"]}").path("id");
            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"lifecycleClass\":\"OWNER\",\"reason\":\"bought here\"}")
                    .when().put("/api/customers/" + newer + "/lifecycle-class").then().statusCode(200);
            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"vip\":true,\"reason\":\"fleet buyer\"}").when().put("/api/customers/" + newer + "/vip")
                    .then().statusCode(200);
            // the survivor was a VIP once, revoked with a reason that the undo must give back
            for (String vip : List.of("{\"vip\":true,\"reason\":\"big spender\"}", "{\"vip\":false,\"reason\":\"left the fleet\"}")) {
                given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                        .body(vip).when().put("/api/customers/" + older + "/vip").then().statusCode(200);
            }

            String mergeId = given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"customerIds\":[\"" + newer + "\",\"" + older + "\"],\"reason\":\"same person\"}")
                    .when().post("/api/customer-merges").then().statusCode(201).body("survivorId", equalTo(older))
                    .body("choices.find { it.field == 'lifecycleClass' }.winner", equalTo(newer))
                    .body("choices.find { it.field == 'lifecycleClass' }.value", equalTo("OWNER"))
                    .body("choices.find { it.field == 'vip' }.winner", equalTo(newer))
                    .extract().path("mergeId");
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + older)
                    .then().body("lifecycleClass", equalTo("OWNER")).body("vip", equalTo(true));
            var classified = events.await(r -> CustomerEvents.CLASSIFIED.equals(r.event().getType())
                    && older.equals(r.event().getSubject()), Duration.ofSeconds(10));
            assertEquals("merge", classified.data().get("cause").asText());
            EventSchemas.assertValid(classified.value());
            events.await(r -> CustomerEvents.VIP_CHANGED.equals(r.event().getType()) && older.equals(r.event().getSubject()),
                    Duration.ofSeconds(10));

            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"reason\":\"two people\"}").when().post("/api/customer-merges/" + mergeId + "/undo").then().statusCode(200);
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + older)
                    .then().body("lifecycleClass", equalTo("POTENTIAL")).body("vip", equalTo(false))
                    .body("vipReason", equalTo("left the fleet"));
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + newer)
                    .then().body("lifecycleClass", equalTo("OWNER")).body("vip", equalTo(true));
            events.await(r -> CustomerEvents.CLASSIFIED.equals(r.event().getType()) && older.equals(r.event().getSubject())
                    && "merge-undone".equals(r.data().get("cause").asText()), Duration.ofSeconds(10));
        }
    }

    /**
     * A prospect who has not bought within a year is DEFEATED by the daily job (DOMAIN.md §1), published
     * with its cause; one whose intent is newer than a year is left alone, as is everyone on a second run.
     */
    @Test
    void aProspectWithoutAPurchaseForAYearIsDefeatedByTheDailyJob() {
        try (KafkaEvents events = KafkaEvents.tail("customer-events")) {
            String stale = registerPerson(phone(), idNumber());
            String keen = registerPerson(phone(), idNumber());
            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"lifecycleClass\":\"INTENT\",\"leadGrade\":\"A\",\"reason\":\"test drive booked\"}")
                    .when().put("/api/customers/" + keen + "/lifecycle-class").then().statusCode(200);
            QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(
                            "UPDATE customer SET created_at = now() - interval '2 years' WHERE id IN (?1, ?2)")
                    .setParameter(1, UUID.fromString(stale)).setParameter(2, UUID.fromString(keen)).executeUpdate());

            assertTrue(dailyCare.defeatAfterAYear(Instant.now()) >= 1);
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + stale)
                    .then().body("lifecycleClass", equalTo("DEFEATED"));
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + keen)
                    .then().body("lifecycleClass", equalTo("INTENT"));
            var classified = events.await(r -> CustomerEvents.CLASSIFIED.equals(r.event().getType())
                    && stale.equals(r.event().getSubject()), Duration.ofSeconds(10));
            EventSchemas.assertValid(classified.value());
            assertEquals(DailyCare.NO_PURCHASE_IN_A_YEAR, classified.data().get("cause").asText());
            given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customers/" + stale + "/history")
                    .then().body("find { it.field == 'lifecycleClass' }.actor", equalTo("system"));
            assertEquals(0, dailyCare.defeatAfterAYear(Instant.now()));
        }
    }

    /** The merged record's spend joins the survivor's (its value tier and lifetime value follow) and goes back on undo. */
    @Test
    void aMergeJoinsSpendAndItsUndoTakesItBack() {
        String phone = phone();
        String older = registerPerson(phone, idNumber());
        String newer = register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"phones\":[\"" + phone
                + "\"]}").path("id");
        QuarkusTransaction.requiringNew().run(() -> loyalty.recordActivity(em.find(Customer.class, UUID.fromString(newer),
                jakarta.persistence.LockModeType.PESSIMISTIC_WRITE),
                Loyalty.Activity.PURCHASE, new java.math.BigDecimal("200000"), LocalDate.now(), "test:" + UUID.randomUUID(), "test"));
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + older)
                .then().body("valueTier", equalTo("POTENTIAL"));

        String mergeId = given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"customerIds\":[\"" + newer + "\",\"" + older + "\"],\"reason\":\"same person\"}")
                .when().post("/api/customer-merges").then().statusCode(201).body("survivorId", equalTo(older))
                .extract().path("mergeId");
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + older)
                .then().body("valueTier", equalTo("GOLD"));
        given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customers/" + older + "/lifetime-value")
                .then().statusCode(200).body("cashFlows", equalTo(1));

        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"reason\":\"two people\"}").when().post("/api/customer-merges/" + mergeId + "/undo").then().statusCode(200);
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + older)
                .then().body("valueTier", equalTo("POTENTIAL"));
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + newer)
                .then().body("valueTier", equalTo("GOLD"));
        given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customers/" + newer + "/lifetime-value")
                .then().statusCode(200).body("cashFlows", equalTo(1));
    }

    /** A referral naming the merged record as the customer referred names the survivor, and the merged record again after the undo. */
    @Test
    void aReferralOfTheMergedRecordFollowsTheMergeAndItsUndo() {
        String[] pair = duplicatePair();
        String older = pair[0];
        String newer = pair[1];
        String referrer = registerPerson(phone(), idNumber());
        String reference = "ref-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"referredCustomerId\":\"" + newer + "\",\"referredAt\":\"" + Instant.now() + "\",\"reference\":\""
                        + reference + "\"}")
                .when().post("/api/customers/" + referrer + "/referrals").then().statusCode(org.hamcrest.Matchers.lessThan(300));
        java.util.function.Supplier<String> referred = () -> QuarkusTransaction.requiringNew().call(() -> String.valueOf(
                em.createNativeQuery("SELECT referred_id FROM customer_referral WHERE source_ref = ?1")
                        .setParameter(1, "manual:" + reference).getSingleResult()));
        assertEquals(newer, referred.get());
        // the merged record once referred the survivor: merged, that would be the survivor referring itself
        String selfReference = "ref-" + UUID.randomUUID();
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"referredCustomerId\":\"" + older + "\",\"referredAt\":\"" + Instant.now() + "\",\"reference\":\""
                        + selfReference + "\"}")
                .when().post("/api/customers/" + newer + "/referrals").then().statusCode(org.hamcrest.Matchers.lessThan(300));

        String mergeId = merge(older, newer);
        assertEquals(older, referred.get());
        assertEquals(newer, QuarkusTransaction.requiringNew().call(() -> String.valueOf(
                em.createNativeQuery("SELECT referrer_id FROM customer_referral WHERE source_ref = ?1")
                        .setParameter(1, "manual:" + selfReference).getSingleResult())), "not a self-referral");
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"reason\":\"two people\"}").when().post("/api/customer-merges/" + mergeId + "/undo").then().statusCode(200);
        assertEquals(newer, referred.get());
    }

    @Test
    void duplicatesAreListedWithTheirReasonMergedAndTheMergeUndone() {
        try (KafkaEvents events = KafkaEvents.tail("customer-events")) {
            String phone = phone();
            String older = registerPerson(phone, idNumber());
            String email = "m" + phone + "@example.com"; // the newer record's alone: it moves in the merge, back in the undo
            String newer = register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"phones\":[\"" + phone
                    + "\"],\"emails\":[\"" + email + "\"],\"occupation\":\"teacher\"}").path("id");
            String vin = vin();
            given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                    .body("{\"vin\":\"" + vin + "\"}").when().post("/api/customers/" + newer + "/vehicles").then().statusCode(201);

            given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customers/" + older + "/duplicates")
                    .then().statusCode(200).body("find { it.customerId == '" + newer + "' }.reasons", hasItem("same phone"));

            String mergeId = given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"customerIds\":[\"" + newer + "\",\"" + older + "\"],\"reason\":\"same person\"}")
                    .when().post("/api/customer-merges").then().statusCode(201)
                    .body("survivorId", equalTo(older)).body("mergedId", equalTo(newer))
                    .body("choices.find { it.field == 'occupation' }.winner", equalTo(newer))
                    .body("choices.find { it.field == 'occupation' }.reason", containsString("only"))
                    .extract().path("mergeId");
            var merged = events.awaitEvent(CustomerEvents.MERGED, older, Duration.ofSeconds(10));
            EventSchemas.assertValid(merged.value());
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + older)
                    .then().body("occupation", equalTo("teacher")).body("emails", hasItem(email));
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + newer)
                    .then().body("emails", equalTo(List.of()));
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + older + "/vehicles")
                    .then().body("vin", hasItem(vin));
            given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("phone", phone)
                    .when().get("/api/customers").then().body("items.id", equalTo(List.of(older)));
            // The merged record is kept only for an undo: changes to it are refused, naming the survivor.
            String mergedTag = given().header("Authorization", Tokens.bearer("consultant.a")).when()
                    .get("/api/customers/" + newer).then().extract().header("ETag");
            given().header("Authorization", Tokens.bearer("consultant.a")).header("If-Match", mergedTag)
                    .contentType("application/json").body("{\"occupation\":\"driver\"}")
                    .when().patch("/api/customers/" + newer).then().statusCode(409).contentType(PROBLEM)
                    .body("detail", org.hamcrest.Matchers.containsString(older));
            given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                    .body("{\"vin\":\"" + vin() + "\"}").when().post("/api/customers/" + newer + "/vehicles")
                    .then().statusCode(409);

            given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                    .body("{\"reason\":\"x\"}").when().post("/api/customer-merges/" + mergeId + "/undo").then().statusCode(403);
            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"reason\":\"two brothers sharing a phone\"}")
                    .when().post("/api/customer-merges/" + mergeId + "/undo").then().statusCode(200);
            events.awaitEvent(CustomerEvents.MERGE_UNDONE, older, Duration.ofSeconds(10));
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + older)
                    .then().body("occupation", org.hamcrest.Matchers.nullValue())
                    .body("emails", org.hamcrest.Matchers.not(hasItem(email)));
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + newer)
                    .then().body("emails", equalTo(List.of(email)));
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + newer + "/vehicles")
                    .then().body("vin", hasItem(vin));
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + newer)
                    .then().body("mergedInto", org.hamcrest.Matchers.nullValue());
        }
    }

    /** Two records of one person (same phone): the older survives a merge. */
    static String[] duplicatePair() {
        String phone = phone();
        String older = registerPerson(phone, idNumber());
        String newer = register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"phones\":[\"" + phone
                + "\"],\"occupation\":\"teacher\"}").path("id");
        return new String[]{older, newer};
    }

    void earn(String customer, long points, String causeType, String causeRef) {
        QuarkusTransaction.requiringNew().run(() ->
                loyalty.earn(Customer.findById(UUID.fromString(customer), LockModeType.PESSIMISTIC_WRITE), points, causeType, causeRef,
                        LocalDate.now(), "test"));
    }

    @Test
    void pointsMoveOnlyOnACustomerItsCallerLocked() {
        String customer = registerPerson(phone(), idNumber());
        RuntimeException e = assertThrows(RuntimeException.class, () ->
                QuarkusTransaction.requiringNew().run(() -> loyalty.earn(Customer.findById(UUID.fromString(customer)),
                        10, "GIFT", "gift-" + UUID.randomUUID(), LocalDate.now(), "test")));
        Throwable cause = e;
        while (!(cause instanceof IllegalStateException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        assertTrue(cause.getMessage().contains("must be locked"), cause.toString());
        points(customer).body("balance", equalTo(0)).body("movements", hasSize(0));
    }

    static String merge(String survivor, String merged) {
        return given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"customerIds\":[\"" + merged + "\",\"" + survivor + "\"],\"reason\":\"same person\"}")
                .when().post("/api/customer-merges").then().statusCode(201)
                .body("survivorId", equalTo(survivor)).body("mergedId", equalTo(merged))
                .extract().path("mergeId");
    }

    static io.restassured.response.ValidatableResponse points(String customer) {
        return given().header("Authorization", Tokens.bearer("advisor.a")).when().get("/api/customers/" + customer + "/points")
                .then().statusCode(200);
    }

    static io.restassured.response.ValidatableResponse consent(String customer, String channel, String purpose) {
        return given().header("Authorization", Tokens.bearer("advisor.a")).queryParam("channel", channel)
                .queryParam("purpose", purpose).when().get("/api/customers/" + customer + "/consents/check").then().statusCode(200);
    }

    @Test
    void aMergeJoinsPointsAndConsentsAndItsUndoSplitsThemAgain() {
        try (KafkaEvents events = KafkaEvents.tail("customer-events")) {
            String[] pair = duplicatePair();
            String survivor = pair[0];
            String merged = pair[1];
            // Both earned; both under one cause too (the ledger is unique per customer and cause).
            String campaign = "campaign-" + UUID.randomUUID();
            earn(survivor, 100, "SERVICE", "RO-" + UUID.randomUUID());
            earn(survivor, 10, "GIFT", campaign);
            earn(merged, 40, "SERVICE", "RO-" + UUID.randomUUID());
            earn(merged, 5, "GIFT", campaign);
            // The survivor granted SMS marketing; later the merged record withdrew it.
            grant(survivor, "SMS", "MARKETING", true);
            grant(merged, "SMS", "MARKETING", false);
            grant(merged, "EMAIL", "SURVEYS", true);
            consent(survivor, "SMS", "MARKETING").body("allowed", equalTo(true));

            String mergeId = merge(survivor, merged);
            points(survivor).body("balance", equalTo(155)).body("movements", hasSize(4))
                    .body("movements.findAll { it.causeType == 'GIFT' }", hasSize(2))
                    .body("movements.findAll { it.causeRef == '" + campaign + "' }", hasSize(1));
            points(merged).body("balance", equalTo(0)).body("movements", hasSize(0));
            // Published per side, so a consumer adding up movements per customer keeps the right balances.
            assertTransferred(events, merged, mergeId, "MERGE", -45, 0, -2, survivor);
            assertTransferred(events, survivor, mergeId, "MERGE", 45, 155, 2, merged);
            consent(survivor, "SMS", "MARKETING").body("allowed", equalTo(false)).body("basis.granted", equalTo(false));
            consent(survivor, "EMAIL", "SURVEYS").body("allowed", equalTo(true));
            given().header("Authorization", Tokens.bearer("advisor.a")).when().get("/api/customers/" + survivor + "/consents")
                    .then().body("history", hasSize(3)).body("current", hasSize(2));
            var withdrawn = events.await(r -> r.event().getType().equals(CustomerEvents.CONSENT_CHANGED)
                    && r.key().equals(survivor) && r.data().get("channel").asText().equals("SMS")
                    && !r.data().get("granted").asBoolean(), Duration.ofSeconds(10));
            EventSchemas.assertValid(withdrawn.value());

            given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"reason\":\"two brothers sharing a phone\"}")
                    .when().post("/api/customer-merges/" + mergeId + "/undo").then().statusCode(200);
            points(survivor).body("balance", equalTo(110)).body("movements", hasSize(2));
            assertTransferred(events, survivor, mergeId, "MERGE_UNDONE", -45, 110, -2, merged);
            assertTransferred(events, merged, mergeId, "MERGE_UNDONE", 45, 45, 2, survivor);
            points(merged).body("balance", equalTo(45)).body("movements", hasSize(2))
                    .body("movements.find { it.causeType == 'GIFT' }.causeRef", equalTo(campaign))
                    .body("movements.find { it.causeType == 'SERVICE' }.points", equalTo(40));
            consent(survivor, "SMS", "MARKETING").body("allowed", equalTo(true));
            consent(survivor, "EMAIL", "SURVEYS").body("allowed", equalTo(false));
            consent(merged, "SMS", "MARKETING").body("allowed", equalTo(false)).body("basis.granted", equalTo(false));
            consent(merged, "EMAIL", "SURVEYS").body("allowed", equalTo(true));
            var regranted = events.await(r -> r.event().getType().equals(CustomerEvents.CONSENT_CHANGED)
                    && r.key().equals(survivor) && r.data().get("channel").asText().equals("SMS")
                    && r.data().get("granted").asBoolean(), Duration.ofSeconds(10));
            EventSchemas.assertValid(regranted.value());
        }
    }

    static void assertTransferred(KafkaEvents events, String customer, String mergeId, String cause, long points,
                                  long balance, int movements, String counterpart) {
        var transferred = events.await(r -> r.event().getType().equals(CustomerEvents.POINTS_TRANSFERRED)
                && r.key().equals(customer) && r.data().get("cause").asText().equals(cause), Duration.ofSeconds(10));
        EventSchemas.assertValid(transferred.value());
        assertEquals(mergeId, transferred.data().get("mergeId").asText());
        assertEquals(points, transferred.data().get("points").asLong());
        assertEquals(balance, transferred.data().get("balance").asLong());
        assertEquals(movements, transferred.data().get("movements").asInt());
        assertEquals(counterpart, transferred.data().get("counterpartId").asText());
    }

    @Test
    void anUndoIsRefusedWhileTheSurvivorHasSpentTheMergedPoints() {
        String[] pair = duplicatePair();
        String survivor = pair[0];
        String merged = pair[1];
        earn(survivor, 30, "SERVICE", "RO-" + UUID.randomUUID());
        earn(merged, 100, "SERVICE", "RO-" + UUID.randomUUID());
        String mergeId = merge(survivor, merged);
        points(survivor).body("balance", equalTo(130));
        given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                .body("{\"points\":120,\"forWhat\":\"PARTS\",\"reference\":\"RO-" + UUID.randomUUID() + "\"}")
                .when().post("/api/customers/" + survivor + "/points/redemptions").then().statusCode(201)
                .body("balance", equalTo(10));

        String undo = "/api/customer-merges/" + mergeId + "/undo";
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"reason\":\"two people\"}").when().post(undo).then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("negative balance")).body("detail", containsString("100 points"));
        // Nothing changed: still merged, balances as they were.
        points(survivor).body("balance", equalTo(10));
        points(merged).body("balance", equalTo(0));
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + merged)
                .then().body("mergedInto", equalTo(survivor));
        given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customer-merges/" + mergeId)
                .then().body("undoneAt", org.hamcrest.Matchers.nullValue());

        // Once the survivor holds the points again, the undo goes through.
        earn(survivor, 90, "SERVICE", "RO-" + UUID.randomUUID());
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"reason\":\"two people\"}").when().post(undo).then().statusCode(200);
        points(survivor).body("balance", equalTo(0));
        points(merged).body("balance", equalTo(100));
    }

    @Test
    void serviceSpendForARecordBeingMergedLandsOnTheSurvivorAndTheMergedRecordTakesNoRedemption() {
        String[] pair = duplicatePair();
        String survivor = pair[0];
        String merged = pair[1];
        // Twenty paid repair orders of the merged record (100 CNY: 10 points each) arrive while the
        // manager merges: each lands before the merge (and moves with it) or after (and follows it).
        for (int i = 0; i < 20; i++) {
            KafkaEvents.sendCloudEvent("aftersales-events", merged, event("forecourt.aftersales.repair-order-settled.v1", merged,
                    Map.of("repairOrderId", UUID.randomUUID().toString(), "customerId", merged, "storeId", "store-a",
                            "amount", Map.of("amount", "100.00", "currency", "CNY"), "settledOn", LocalDate.now().toString()),
                    UUID.randomUUID()));
        }
        merge(survivor, merged);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> points(survivor).body("balance", equalTo(200)));
        points(merged).body("balance", equalTo(0)).body("movements", hasSize(0));

        given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                .body("{\"points\":10,\"forWhat\":\"PARTS\",\"reference\":\"RO-" + UUID.randomUUID() + "\"}")
                .when().post("/api/customers/" + merged + "/points/redemptions").then().statusCode(409).contentType(PROBLEM)
                .body("detail", containsString("merged into " + survivor));
    }

    @Test
    void theNightlyExpiryTakesWhatDebitsLeftAndNeverTouchesAMergedRecord() {
        String[] pair = duplicatePair();
        earn(pair[0], 100, "SERVICE", "RO-" + UUID.randomUUID());
        earn(pair[1], 50, "SERVICE", "RO-" + UUID.randomUUID());
        merge(pair[0], pair[1]);
        String spender = registerPerson(phone(), idNumber());
        earn(spender, 40, "SERVICE", "RO-" + UUID.randomUUID());
        given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                .body("{\"points\":10,\"forWhat\":\"PARTS\",\"reference\":\"RO-" + UUID.randomUUID() + "\"}")
                .when().post("/api/customers/" + spender + "/points/redemptions").then().statusCode(201);

        // Long after every grant's expiry: what debits did not consume expires, once.
        java.time.Instant later = java.time.Instant.now().plus(Duration.ofDays(365L * 30));
        assertTrue(dailyCare.expirePoints(later) >= 180);
        points(pair[0]).body("balance", equalTo(0)).body("movements.find { it.kind == 'EXPIRE' }.points", equalTo(-150));
        points(spender).body("balance", equalTo(0)).body("movements.find { it.kind == 'EXPIRE' }.points", equalTo(-30));
        points(pair[1]).body("balance", equalTo(0)).body("movements", hasSize(0));
        dailyCare.expirePoints(later);
        points(spender).body("movements.findAll { it.kind == 'EXPIRE' }", hasSize(1));
    }

    // ---------------------------------------------------------------- consent

    @Test
    void consentIsLedgeredCheckedAndWithdrawnAtOnce() {
        try (KafkaEvents events = KafkaEvents.tail("customer-events")) {
            String customer = registerPerson(phone(), idNumber());
            String check = "/api/customers/" + customer + "/consents/check";
            given().header("Authorization", Tokens.bearer("advisor.a")).queryParam("channel", "SMS").queryParam("purpose", "MARKETING")
                    .when().get(check).then().statusCode(200).body("allowed", equalTo(false));
            grant(customer, "SMS", "MARKETING", true);
            given().header("Authorization", Tokens.bearer("advisor.a")).queryParam("channel", "SMS").queryParam("purpose", "MARKETING")
                    .when().get(check).then().body("allowed", equalTo(true)).body("basis.source", equalTo("showroom form"));
            // Birthday care goes out on a channel the customer allows, once.
            LocalDate birthday = LocalDate.of(LocalDate.now().getYear(), 1, 1);
            assertTrue(dailyCare.careTouchpoints(birthday) >= 1);
            var care = events.await(r -> r.event().getType().equals(CustomerEvents.CARE_TOUCHPOINT_DUE)
                    && r.key().equals(customer), Duration.ofSeconds(10));
            EventSchemas.assertValid(care.value());
            assertEquals("SMS", care.data().get("channels").get(0).asText());

            grant(customer, "SMS", "MARKETING", false);
            given().header("Authorization", Tokens.bearer("advisor.a")).queryParam("channel", "SMS").queryParam("purpose", "MARKETING")
                    .when().get(check).then().body("allowed", equalTo(false));
            var withdrawn = events.await(r -> r.event().getType().equals(CustomerEvents.CONSENT_CHANGED) && r.key().equals(customer)
                    && !r.data().get("granted").asBoolean(), Duration.ofSeconds(10));
            EventSchemas.assertValid(withdrawn.value());
            given().header("Authorization", Tokens.bearer("advisor.a")).when().get("/api/customers/" + customer + "/consents")
                    .then().body("history", hasSize(2)).body("current", hasSize(1)).body("current[0].granted", equalTo(false));
            // A second run the same day, now without consent: nothing more for this customer.
            assertEquals(0, count("SELECT count(*) FROM care_touchpoint WHERE customer_id = ?1 AND on_day <> ?2",
                    UUID.fromString(customer), birthday));
        }
    }

    private static void grant(String customer, String channel, String purpose, boolean granted) {
        given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                .body("{\"channel\":\"" + channel + "\",\"purpose\":\"" + purpose + "\",\"granted\":" + granted
                        + ",\"source\":\"showroom form\"}")
                .when().post("/api/customers/" + customer + "/consents").then().statusCode(201);
    }

    // ---------------------------------------------------------------- points

    @Test
    void concurrentRedemptionsNeverTakeTheBalanceBelowZero() throws Exception {
        String customer = registerPerson(phone(), idNumber());
        // 1,000 CNY of paid service earns 100 points.
        KafkaEvents.sendCloudEvent("aftersales-events", customer, event("forecourt.aftersales.repair-order-settled.v1", customer,
                Map.of("repairOrderId", UUID.randomUUID().toString(), "customerId", customer, "storeId", "store-a",
                        "amount", Map.of("amount", "1000.00", "currency", "CNY"), "settledOn", LocalDate.now().toString()),
                UUID.randomUUID()));
        String points = "/api/customers/" + customer + "/points";
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("advisor.a")).when().get(points).then().body("balance", equalTo(100)));
        String token = Tokens.bearer("advisor.a");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String ref = "RO-" + i;
            results.add(pool.submit(() -> given().header("Authorization", token).contentType("application/json")
                    .body("{\"points\":30,\"forWhat\":\"LABOUR\",\"reference\":\"" + ref + "\"}")
                    .when().post(points + "/redemptions").then().extract().statusCode()));
        }
        int ok = 0;
        int refused = 0;
        for (Future<Integer> f : results) {
            int status = f.get();
            if (status == 201) ok++;
            else if (status == 409) refused++;
        }
        pool.shutdown();
        assertEquals(3, ok, "100 points cover three redemptions of 30");
        assertEquals(5, refused);
        given().header("Authorization", Tokens.bearer("advisor.a")).when().get(points).then()
                .body("balance", equalTo(10))
                .body("movements.findAll { it.kind == 'REDEEM' }", hasSize(3))
                .body("movements.find { it.kind == 'EARN' }.causeType", equalTo("SERVICE"));
        // The same redemption retried changes nothing.
        given().header("Authorization", token).contentType("application/json")
                .body("{\"points\":5,\"forWhat\":\"LABOUR\",\"reference\":\"RO-retry\"}").when().post(points + "/redemptions")
                .then().statusCode(201).body("balance", equalTo(5));
        given().header("Authorization", token).contentType("application/json")
                .body("{\"points\":5,\"forWhat\":\"LABOUR\",\"reference\":\"RO-retry\"}").when().post(points + "/redemptions")
                .then().statusCode(201).body("balance", equalTo(5));
    }

    // ---------------------------------------------------------------- import

    @Test
    void anImportWithBadRowsImportsTheGoodOnesAndReportsEachRejection() {
        String dupPhone = phone();
        String existing = registerPerson(dupPhone, idNumber());
        String vin = vin();
        String newPhone = phone();
        String csv = "kind,name,phone,email,idNumber,gender,birthDate,province,city,district,sourceChannel,vin,brand,model,purchaseDate\n"
                + "INDIVIDUAL,李娜," + newPhone + ",li.na@example.com," + idNumber() + ",FEMALE,1990-02-03,上海,上海,浦东,OEM," + vin + ",Buick,GL8,2023-05-01\n"
                + "INDIVIDUAL,王芳,12345,,,,,,,,,,,,\n"
                + "INDIVIDUAL,赵强," + phone() + ",,,,,,,,,LSVAU2180N2183294,,,\n"
                + "INDIVIDUAL,," + phone() + ",,,,,,,,,,,,\n"
                + "INDIVIDUAL,张伟," + dupPhone + ",new.mail@example.com,,,,,,,,,,,\n"
                + "COMPANY,\"Fleet Co, Ltd\"," + phone() + ",,,,,,,,FLEET,,,,\n";
        try (KafkaEvents imports = KafkaEvents.tail(CustomerEvents.IMPORTS_TOPIC);
             KafkaEvents changes = KafkaEvents.tail("customer-events")) {
            String location = given().header("Authorization", Tokens.bearer("manager.a")).contentType("text/csv").body(csv)
                    .queryParam("storeId", "store-a")
                    .when().post("/api/customer-imports").then().statusCode(202).extract().header("Location");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                            .body("status", equalTo("COMPLETED")));
            given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                    .body("rowsRead", equalTo(6)).body("imported", equalTo(2)).body("merged", equalTo(1))
                    .body("rejected", equalTo(3)).body("etaSeconds", equalTo(0));
            // The new customers on customer-imports (nothing personal), the changed one on customer-events.
            String jobId = location.substring(location.lastIndexOf('/') + 1);
            // (the test profile's chunks are small: one imported event per chunk that created customers)
            await().atMost(Duration.ofSeconds(10)).until(() -> imports.all().stream()
                    .filter(r -> jobId.equals(r.event().getSubject()))
                    .mapToInt(r -> r.data().get("customers").size()).sum() == 2);
            for (var imported : imports.all().stream().filter(r -> jobId.equals(r.event().getSubject())).toList()) {
                EventSchemas.assertValid(imported.value()); // its schema allows no other field: nothing personal
                assertEquals(CustomerEvents.IMPORTED, imported.headers().get(CloudEvents.TYPE_HEADER));
                String body = new String(imported.value(), StandardCharsets.UTF_8);
                assertFalse(body.contains(newPhone) || body.contains("李娜") || body.contains("li.na@example.com"), body);
            }
            var updated = changes.awaitEvent(CustomerEvents.UPDATED, existing, Duration.ofSeconds(10));
            assertTrue(updated.data().get("changedFields").toString().contains("emails"), updated.data().toString());
            assertTrue(changes.all().stream().noneMatch(r -> CustomerEvents.IMPORTED.equals(r.event().getType())),
                    "imports are not on customer-events");
            String report = given().header("Authorization", Tokens.bearer("manager.a")).when().get(location + "/rejections")
                    .then().statusCode(200).extract().asString();
            assertTrue(report.contains("phone: must be a mainland mobile number"), report);
            assertTrue(report.contains("vin: check digit"), report);
            assertTrue(report.contains("name: is required"), report);
            assertEquals(4, report.lines().count(), "header and three rejected rows: " + report);
            // The report shows the rows as sent, personal data in clear: each download is on record.
            given().header("Authorization", Tokens.bearer("manager.a")).when().get(location + "/rejections/accesses")
                    .then().statusCode(200).body("size()", equalTo(1))
                    .body("[0].actor", equalTo(Tokens.subject("manager.a"))).body("[0].actorName", equalTo("manager.a"));
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get(location + "/rejections/accesses")
                    .then().statusCode(403);
            // The merged row added its email to the existing customer; the good row has its vehicle.
            given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + existing)
                    .then().body("emails", hasItem("new.mail@example.com"));
            // Both are audited: the new customer's history starts with its import, the existing one shows what it gained.
            String job = location.substring(location.lastIndexOf('/') + 1);
            String created = given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("phone", newPhone)
                    .when().get("/api/customers").then().body("items", hasSize(1)).extract().path("items[0].id");
            given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customers/" + created + "/history")
                    .then().statusCode(200).body("[0].field", equalTo("record")).body("[0].newValue", equalTo("imported"))
                    .body("[0].actor", equalTo("import:" + job)).body("[0].reason", equalTo("bulk import " + job));
            given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customers/" + existing + "/history")
                    .then().statusCode(200)
                    .body("findAll { it.actor == 'import:" + job + "' }.field", org.hamcrest.Matchers.contains("emails"))
                    .body("find { it.actor == 'import:" + job + "' }.newValue", equalTo("added"));
            given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("vin", vin)
                    .when().get("/api/vehicles").then().body("items", hasSize(1));
            // Nothing of a rejected row reached the customer table.
            assertEquals(0, count("SELECT count(*) FROM vehicle WHERE vin = 'LSVAU2180N2183294'"));
        }
    }

    /** A car the file says we sold is marked so, and makes its new owner an OWNER (bought from this group). */
    @Test
    void anImportedCarSoldByUsMakesItsNewOwnerAnOwner() {
        String phone = phone();
        String vin = vin();
        String csv = "name,phone,vin,brand,model,purchaseDate,soldByUs\n"
                + "李娜," + phone + "," + vin + ",Buick,GL8,2023-05-01,true\n"
                + "王芳," + phone() + "," + vin() + ",Buick,GL8,2023-05-01,yes\n";
        String location = given().header("Authorization", Tokens.bearer("manager.a")).contentType("text/csv").body(csv)
                .queryParam("storeId", "store-a")
                .when().post("/api/customer-imports").then().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                        .body("status", equalTo("COMPLETED")).body("imported", equalTo(1)).body("rejected", equalTo(1)));
        given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("phone", phone)
                .when().get("/api/customers").then().body("items", hasSize(1))
                .body("items[0].lifecycleClass", equalTo("OWNER"));
        given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("vin", vin)
                .when().get("/api/vehicles").then().body("items", hasSize(1)).body("items[0].soldByUs", equalTo(true));
        assertTrue(given().header("Authorization", Tokens.bearer("manager.a")).when().get(location + "/rejections")
                .then().statusCode(200).extract().asString().contains("soldByUs: must be true or false"));
    }

    /**
     * A database hiccup is not the rows' fault: the import's connection is killed while a chunk is being
     * written, and the job still imports every row and rejects none (the chunk is retried on a new
     * connection, its rolled-back progress not counted twice).
     */
    @Test
    void anImportWhoseConnectionIsKilledRetriesTheChunkAndRejectsNothing() {
        StringBuilder csv = new StringBuilder("name,phone\n");
        for (int i = 0; i < 400; i++) {
            csv.append("李娜,").append(phone()).append('\n');
        }
        String location = given().header("Authorization", Tokens.bearer("manager.a")).contentType("text/csv")
                .body(csv.toString()).queryParam("storeId", "store-a")
                .when().post("/api/customer-imports").then().statusCode(202).extract().header("Location");
        String job = location.substring(location.lastIndexOf('/') + 1);
        try {
            // The import's backend, inside a chunk's transaction (tests write chunks of two rows).
            String importBackend = "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
                    + " AND (query LIKE 'COPY %' OR query LIKE 'SELECT value_hash%' OR query LIKE 'SELECT vin%')";
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1)).until(() -> count(importBackend) > 0);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                            .body("status", equalTo("COMPLETED")));
            var progress = given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                    .body("rowsRead", equalTo(400)).body("rejected", equalTo(0)).extract();
            int imported = progress.path("imported");
            int merged = progress.path("merged");
            assertEquals(400, imported + merged); // merged only if a random phone was taken already
            assertEquals(imported, count("SELECT count(*) FROM customer WHERE import_job_id = CAST(?1 AS uuid)", job));
        } finally {
            // Removed again, pass or fail: with their time-ordered ids, 400 customers would fill the first
            // page of the group's list that other tests read.
            QuarkusTransaction.requiringNew().run(() -> {
                em.createNativeQuery("DELETE FROM customer_identifier WHERE customer_id IN"
                        + " (SELECT id FROM customer WHERE import_job_id = CAST(?1 AS uuid))").setParameter(1, job).executeUpdate();
                em.createNativeQuery("DELETE FROM customer WHERE import_job_id = CAST(?1 AS uuid)").setParameter(1, job).executeUpdate();
            });
        }
    }

    /** Submits an import as a manager of store-a and waits for it to end; returns the job's location. */
    static String importAndWait(String contentType, String body) {
        String location = given().header("Authorization", Tokens.bearer("manager.a")).contentType(contentType).body(utf8(body))
                .queryParam("storeId", "store-a")
                .when().post("/api/customer-imports").then().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                        .body("status", equalTo("COMPLETED")));
        return location;
    }

    static String customerWithPhone(String phone) {
        return given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("phone", phone)
                .when().get("/api/customers").then().body("items", hasSize(1)).extract().path("items[0].id");
    }

    static String ownerOf(String vin) {
        return given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("vin", vin)
                .when().get("/api/vehicles").then().body("items", hasSize(1)).extract().path("items[0].ownerId");
    }

    /**
     * Tests import in chunks of two rows (application.properties), each its own transaction: a
     * customer's later rows must still find it, by phone, ID number or VIN, whether its first row is
     * in the chunk just before or further back.
     */
    @Test
    void aCustomersRowsInSeveralChunksJoinOneCustomer() {
        String p1 = phone(), p2 = phone(), p5 = phone(), p6 = phone(), p7 = phone(), p8 = phone();
        String id1 = idNumber(), id6 = idNumber();
        String v1 = vin(), v2 = vin();
        String csv = "name,phone,email,idNumber,vin\n"
                // chunk 1
                + "李娜," + p1 + ",," + id1 + "," + v1 + "\n"
                + "王芳," + p2 + ",,,\n"
                // chunk 2: 李娜 again by phone
                + "李娜," + p1 + ",li.na@example.com,,\n"
                + "赵六," + p6 + ",," + id6 + ",\n"
                // chunk 3: 赵六 by ID number; 王芳 by phone, with a car
                + "赵六," + p7 + ",," + id6 + ",\n"
                + "王芳," + p2 + ",,," + v2 + "\n"
                // chunk 4: a row joining 王芳 by her car alone; one whose ID number is 李娜's and car 王芳's
                + "王芳," + p8 + ",,," + v2 + "\n"
                + "赵强," + p5 + ",," + id1 + "," + v2 + "\n";
        String location = importAndWait("text/csv", csv);
        given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                .body("rowsRead", equalTo(8)).body("imported", equalTo(3)).body("merged", equalTo(4))
                .body("rejected", equalTo(1));
        String lina = customerWithPhone(p1); // one customer: the repeated row made no second
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + lina).then()
                .body("phones", org.hamcrest.Matchers.contains("+86" + p1))
                .body("emails", org.hamcrest.Matchers.contains("li.na@example.com"))
                .body("idNumber", equalTo(id1));
        assertEquals(customerWithPhone(p6), customerWithPhone(p7));
        String wangfang = customerWithPhone(p2);
        assertEquals(wangfang, customerWithPhone(p8));
        assertEquals(lina, ownerOf(v1));
        assertEquals(wangfang, ownerOf(v2));
        String report = given().header("Authorization", Tokens.bearer("manager.a")).when().get(location + "/rejections")
                .then().statusCode(200).extract().asString();
        assertTrue(report.contains("vin: registered to a different customer"), report);
        given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("phone", p5)
                .when().get("/api/customers").then().body("items", hasSize(0));
    }

    /**
     * A row the database refuses (here text PostgreSQL cannot store) fails its chunk; the chunk is
     * split until that row is alone and the others are written, and the next chunk's row still joins
     * the customer written beside the refused row.
     */
    @Test
    void aRowTheDatabaseRefusesIsRejectedAloneAndTheNextChunkStillFindsItsCustomer() {
        String p1 = phone(), p2 = phone();
        String ndjson = "{\"name\":\"周杰\",\"phone\":\"" + p1 + "\"}\n"
                + "{\"name\":\"吴敏\",\"phone\":\"" + p2 + "\",\"province\":\"\\ud800\"}\n"
                + "{\"name\":\"周杰\",\"phone\":\"" + p1 + "\",\"email\":\"zhou.jie@example.com\"}\n";
        String location = importAndWait("application/x-ndjson", ndjson);
        given().header("Authorization", Tokens.bearer("manager.a")).when().get(location).then()
                .body("rowsRead", equalTo(3)).body("imported", equalTo(1)).body("merged", equalTo(1))
                .body("rejected", equalTo(1));
        String report = given().header("Authorization", Tokens.bearer("manager.a")).when().get(location + "/rejections")
                .then().statusCode(200).extract().asString();
        assertTrue(report.contains("refused by the database"), report);
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + customerWithPhone(p1))
                .then().body("emails", org.hamcrest.Matchers.contains("zhou.jie@example.com"));
        given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("phone", p2)
                .when().get("/api/customers").then().body("items", hasSize(0));
    }

    /**
     * A row matching a customer the store has fills only what the record lacks: the record's own values
     * win, the address is filled only as a whole, and each filled field is in the history by the import.
     */
    @Test
    void anImportFillsOnlyTheEmptyFieldsOfAnExistingCustomer() {
        String barePhone = phone();
        var bare = register("consultant.a", "{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"name\":\"孙丽\",\"phones\":[\""
                + barePhone + "\"]}");
        assertEquals(201, bare.statusCode(), bare.body().asString());
        String bareId = bare.path("id");
        String fullPhone = phone();
        String fullId = registerPerson(fullPhone, idNumber()); // born 1985-01-01, lives in 北京, no gender
        String etag = given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + fullId)
                .then().extract().header("ETag");
        String csv = "name,phone,gender,birthDate,province,city,district,sourceChannel\n"
                + "孙丽," + barePhone + ",FEMALE,1991-03-04,上海,上海,浦东,OEM\n"
                + "张伟," + fullPhone + ",MALE,1970-01-01,广东,广州,,\n";
        String job;
        try (KafkaEvents events = KafkaEvents.tail("customer-events")) {
            job = importAndWait("text/csv", csv);
            // The updated event names the filled fields (no values) and the version the record now has.
            var updated = events.awaitEvent(CustomerEvents.UPDATED, bareId, Duration.ofSeconds(10));
            EventSchemas.assertValid(updated.value());
            assertEquals("[\"gender\",\"birthDate\",\"province\",\"city\",\"district\",\"sourceChannel\"]",
                    updated.data().get("changedFields").toString());
            assertEquals(1, updated.data().get("version").asLong(), "registered at version 0, filled once");
        }
        given().header("Authorization", Tokens.bearer("manager.a")).when().get(job).then()
                .body("merged", equalTo(2)).body("imported", equalTo(0));
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + bareId).then()
                .body("gender", equalTo("FEMALE")).body("birthDate", equalTo("1991-03-04"))
                .body("address.province", equalTo("上海")).body("address.district", equalTo("浦东"))
                .body("sourceChannel", equalTo("OEM"));
        String newEtag = given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + fullId)
                .then().body("gender", equalTo("MALE")).body("birthDate", equalTo("1985-01-01"))
                .body("address.province", equalTo("北京")).body("address.city", equalTo("北京"))
                .extract().header("ETag");
        assertNotEquals(etag, newEtag, "a filled record has a new version, so a stale PATCH gets 412");
        String actor = "import:" + job.substring(job.lastIndexOf('/') + 1);
        given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customers/" + bareId + "/history")
                .then().body("findAll { it.actor == '" + actor + "' }.field",
                        org.hamcrest.Matchers.contains("gender", "birthDate", "province", "city", "district", "sourceChannel"))
                .body("find { it.actor == '" + actor + "' && it.field == 'birthDate' }.newValue", equalTo("1991-03-04"));
        given().header("Authorization", Tokens.bearer("manager.a")).when().get("/api/customers/" + fullId + "/history")
                .then().body("findAll { it.actor == '" + actor + "' }.field", org.hamcrest.Matchers.contains("gender"));
    }

    @Test
    void ndjsonImportsToo() {
        String ndjson = "{\"name\":\"周杰\",\"phone\":\"" + phone() + "\"}\n{\"name\":\"\",\"phone\":\"" + phone() + "\"}\n";
        String location = given().header("Authorization", Tokens.bearer("admin")).contentType("application/x-ndjson").body(utf8(ndjson))
                .queryParam("storeId", "store-a")
                .when().post("/api/customer-imports").then().statusCode(202).extract().header("Location");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", Tokens.bearer("admin")).when().get(location).then()
                        .body("status", equalTo("COMPLETED")).body("imported", equalTo(1)).body("rejected", equalTo(1)));
        // Imports are for managers and integration: a consultant of the store may not read the job.
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get(location).then().statusCode(403);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

package dev.forecourt.lead.api;

import dev.forecourt.lead.events.LeadEvents;
import dev.forecourt.platform.testing.EventSchemas;
import dev.forecourt.platform.testing.KafkaEvents;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.vehicle.Vin;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import static dev.forecourt.lead.api.LeadFlowTest.call;
import static dev.forecourt.lead.api.LeadFlowTest.capture;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test drives (licence checked, one car in one slot, feedback) and quotes, against real PostgreSQL, Kafka and Keycloak. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "lead"))
class TestDriveAndQuoteTest {

    static final String LICENCE = "11010519491231002X";

    @Inject
    EntityManager em;

    @Inject
    dev.forecourt.platform.pii.Resealer rotation;

    /** A demonstration car of its own per test, so tests never share slots. */
    static String demoCar() {
        String chars = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder vin = new StringBuilder("LDC");
        for (int i = 0; i < 14; i++) {
            vin.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        }
        vin.setCharAt(8, Vin.checkDigit(vin.toString()));
        return vin.toString();
    }

    /** Tomorrow at the given hour, Shanghai time. */
    static OffsetDateTime tomorrowAt(int hour) {
        return OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(hour);
    }

    static String booking(String vin, OffsetDateTime start, OffsetDateTime end, String licence, String expiry) {
        return "{\"vin\":\"" + vin + "\",\"slotStart\":\"" + start + "\",\"slotEnd\":\"" + end + "\",\"route\":\"ring road and back\","
                + "\"licenceNumber\":\"" + licence + "\",\"licenceExpiry\":\"" + expiry + "\"}";
    }

    static final String VALID_UNTIL = "2032-05-01";

    String stage(String lead) {
        return call("consultant.a", "GET", "/api/leads/" + lead, null).path("lead.stage");
    }

    @Test
    void theLicenceIsCheckedAndKeptSealedAndMasked() {
        String lead = capture("consultant.a");
        String car = demoCar();
        OffsetDateTime ten = tomorrowAt(10);
        // Expired the day before the drive: refused, naming the field and the rule.
        call("consultant.a", "POST", "/api/leads/" + lead + "/test-drives",
                booking(car, ten, ten.plusHours(1), LICENCE, ten.minusDays(1).toLocalDate().toString()))
                .response().then().statusCode(422).body("errors.field", hasItem("licenceExpiry"))
                .body("errors.rule", hasItem("licence"));
        // The check digit itself mistyped (position 9 weighs nothing, so the expected digit stays the same).
        String mistyped = car.substring(0, 8) + (car.charAt(8) == '0' ? '1' : '0') + car.substring(9);
        call("consultant.a", "POST", "/api/leads/" + lead + "/test-drives", booking(mistyped, ten, ten.plusHours(1), LICENCE, VALID_UNTIL))
                .response().then().statusCode(422).body("errors.field", hasItem("vin"));
        call("consultant.a", "POST", "/api/leads/" + lead + "/test-drives", booking(car, ten, ten.plusHours(1), "12345", VALID_UNTIL))
                .response().then().statusCode(422).body("errors.field", hasItem("licenceNumber"));
        call("consultant.a", "POST", "/api/leads/" + lead + "/test-drives", booking(car, ten, ten.minusMinutes(5), LICENCE, VALID_UNTIL))
                .response().then().statusCode(422).body("errors.field", hasItem("slotEnd"));
        call("consultant.a", "POST", "/api/leads/" + lead + "/test-drives", booking(car, ten, ten.plusHours(5), LICENCE, VALID_UNTIL))
                .response().then().statusCode(422).body("detail", containsString("at most 4 hours"));

        String drive;
        try (KafkaEvents events = KafkaEvents.tail("lead-events")) {
            // Lower-case x is the same licence; it is shown only masked.
            drive = call("consultant.a", "POST", "/api/leads/" + lead + "/test-drives",
                    booking(car, ten, ten.plusHours(1), LICENCE.toLowerCase(), VALID_UNTIL))
                    .response().then().statusCode(201).body("status", equalTo("BOOKED"))
                    .body("licenceNumber", equalTo("110***********002X")).body("model", equalTo("330TSI"))
                    .extract().path("id");
            var booked = events.awaitEvent(LeadEvents.TEST_DRIVE_CHANGED, drive, Duration.ofSeconds(10));
            EventSchemas.assertValid(booked.value());
            assertEquals("BOOKED", booked.data().get("to").asText());
            assertTrue(booked.data().get("from").isNull());
            assertFalse(new String(booked.value(), StandardCharsets.UTF_8).contains("002X"), "no licence in the event");
        }
        call("consultant.a", "GET", "/api/test-drives/" + drive, null).response().then().statusCode(200)
                .body("licenceNumber", equalTo("110***********002X"));
        // Looking at the table shows no plaintext licence anywhere in the row.
        long plain = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM test_drive t WHERE t.id = ?1 AND (t::text LIKE '%' || ?2 || '%'"
                        + " OR position(convert_to(?2, 'UTF8') IN t.licence_enc) > 0)")
                .setParameter(1, UUID.fromString(drive)).setParameter(2, LICENCE).getSingleResult()).longValue());
        assertEquals(0, plain);
        // The key rotation knows the sealed columns (the licence among them): all are under the active key already.
        assertEquals(0, rotation.rotate());
        // Another store's consultant cannot see it.
        call("consultant.b", "GET", "/api/test-drives/" + drive, null).response().then().statusCode(404);
        call("consultant.b", "GET", "/api/leads/" + lead + "/test-drives", null).response().then().statusCode(404);
    }

    @Test
    void aCarIsBookedForOneDriveAtATimeAndACancellationFreesItsSlot() {
        String car = demoCar();
        OffsetDateTime ten = tomorrowAt(10);
        String first = call("consultant.a", "POST", "/api/leads/" + capture("consultant.a") + "/test-drives",
                booking(car, ten, ten.plusHours(1), LICENCE, VALID_UNTIL)).response().then().statusCode(201).extract().path("id");
        String other = capture("consultant.a");
        // Overlapping by half an hour: refused, naming the booking in the way.
        call("consultant.a", "POST", "/api/leads/" + other + "/test-drives",
                booking(car, ten.plusMinutes(30), ten.plusMinutes(90), LICENCE, VALID_UNTIL))
                .response().then().statusCode(409).body("detail", containsString(first));
        // Back to back is fine; so is another car in the same slot.
        call("consultant.a", "POST", "/api/leads/" + other + "/test-drives",
                booking(car, ten.plusHours(1), ten.plusHours(2), LICENCE, VALID_UNTIL)).response().then().statusCode(201);
        call("consultant.a", "POST", "/api/leads/" + other + "/test-drives",
                booking(demoCar(), ten, ten.plusHours(1), LICENCE, VALID_UNTIL)).response().then().statusCode(201);

        call("consultant.a", "POST", "/api/test-drives/" + first + "/cancellation", "{\"reason\":\"customer rescheduled\"}")
                .response().then().statusCode(200).body("status", equalTo("CANCELLED"));
        call("consultant.a", "POST", "/api/leads/" + other + "/test-drives",
                booking(car, ten.plusMinutes(30), ten.plusMinutes(60), LICENCE, VALID_UNTIL)).response().then().statusCode(201);
        // A cancelled drive is final.
        call("consultant.a", "POST", "/api/test-drives/" + first + "/feedback", "{\"rating\":4}")
                .response().then().statusCode(409).body("detail", containsString("CANCELLED"));
    }

    @Test
    void consultantsRacingForTheSameSlotGetOneBookingAndAConflict() throws Exception {
        String car = demoCar();
        OffsetDateTime two = tomorrowAt(14);
        List<String> leads = List.of(capture("consultant.a"), capture("consultant.a"), capture("consultant.a"),
                capture("consultant.a"));
        List<Callable<Integer>> bookings = leads.stream().<Callable<Integer>>map(lead -> () -> call("consultant.a", "POST",
                "/api/leads/" + lead + "/test-drives", booking(car, two, two.plusHours(1), LICENCE, VALID_UNTIL)).statusCode())
                .toList();
        try (ExecutorService consultants = Executors.newFixedThreadPool(4)) {
            List<Integer> statuses = consultants.invokeAll(bookings).stream().map(TestDriveAndQuoteTest::get).toList();
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "one booking wins: " + statuses);
            assertEquals(3, statuses.stream().filter(s -> s == 409).count(), "the others are told the slot is taken: " + statuses);
        }
        long held = QuarkusTransaction.requiringNew().call(() -> ((Number) em.createNativeQuery(
                "SELECT count(*) FROM test_drive WHERE vin = ?1 AND status <> 'CANCELLED'").setParameter(1, car)
                .getSingleResult()).longValue());
        assertEquals(1, held);
    }

    @Test
    void feedbackCompletesTheDriveAndTheLeadReachesTestDrive() {
        String lead = capture("consultant.a");
        OffsetDateTime ten = tomorrowAt(10);
        String drive = call("consultant.a", "POST", "/api/leads/" + lead + "/test-drives",
                booking(demoCar(), ten, ten.plusHours(1), LICENCE, VALID_UNTIL)).response().then().statusCode(201).extract().path("id");
        assertEquals("NEW", stage(lead), "booking alone does not move the funnel");
        call("consultant.a", "POST", "/api/test-drives/" + drive + "/feedback", "{\"rating\":6}")
                .response().then().statusCode(422).body("errors.field", hasItem("rating"));
        try (KafkaEvents events = KafkaEvents.tail("lead-events")) {
            call("consultant.a", "POST", "/api/test-drives/" + drive + "/feedback",
                    "{\"rating\":5,\"comments\":\"quiet cabin, wants the 380TSI\"}")
                    .response().then().statusCode(200).body("status", equalTo("COMPLETED")).body("rating", equalTo(5))
                    .body("completedAt", notNullValue());
            var completed = events.await(e -> e.event().getType().equals(LeadEvents.TEST_DRIVE_CHANGED)
                    && e.data().get("to").asText().equals("COMPLETED") && e.data().get("testDriveId").asText().equals(drive),
                    Duration.ofSeconds(10));
            EventSchemas.assertValid(completed.value());
            assertEquals("BOOKED", completed.data().get("from").asText());
            assertEquals(5, completed.data().get("rating").asInt());
        }
        var detail = call("consultant.a", "GET", "/api/leads/" + lead, null);
        assertEquals("TEST_DRIVE", detail.path("lead.stage"));
        assertEquals(Integer.valueOf(0), detail.path("lead.responseMinutes"), "the drive was the first contact");
        call("consultant.a", "POST", "/api/test-drives/" + drive + "/feedback", "{\"rating\":3}")
                .response().then().statusCode(409);
        call("consultant.a", "GET", "/api/leads/" + lead + "/test-drives", null).response().then().statusCode(200)
                .body("[0].feedback", equalTo("quiet cabin, wants the 380TSI"));
    }

    @Test
    void aQuoteMovesTheLeadToQuotedWithItsPrice() {
        String lead = capture("consultant.a");
        String validUntil = OffsetDateTime.now(ZoneOffset.ofHours(8)).plusDays(7).toLocalDate().toString();
        call("consultant.a", "POST", "/api/leads/" + lead + "/quotes", "{\"brand\":\"Volkswagen\",\"model\":\"330TSI\","
                + "\"listPrice\":200000,\"discount\":200000,\"validUntil\":\"" + validUntil + "\"}")
                .response().then().statusCode(422).body("errors.field", hasItem("discount"));
        // More decimals than the currency has: refused by name, not rounded into a broken rule.
        call("consultant.a", "POST", "/api/leads/" + lead + "/quotes", "{\"brand\":\"Volkswagen\",\"model\":\"330TSI\","
                + "\"listPrice\":100,\"discount\":99.999,\"validUntil\":\"" + validUntil + "\"}")
                .response().then().statusCode(422).body("errors.field", hasItem("discount"));
        call("consultant.a", "POST", "/api/leads/" + lead + "/quotes", "{\"brand\":\"Volkswagen\",\"model\":\"330TSI\","
                + "\"listPrice\":200000,\"validUntil\":\"2020-01-01\"}")
                .response().then().statusCode(422).body("errors.field", hasItem("validUntil"));
        call("consultant.a", "POST", "/api/leads/" + lead + "/quotes", "{\"brand\":\"Volkswagen\",\"series\":\"Passat\","
                + "\"model\":\"330TSI\",\"listPrice\":200000,\"discount\":12000.50,\"validUntil\":\"" + validUntil + "\"}")
                .response().then().statusCode(201).body("price", equalTo(187999.5f)).body("currency", equalTo("CNY"));
        assertEquals("QUOTED", stage(lead));
        call("consultant.a", "GET", "/api/leads/" + lead + "/quotes", null).response().then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].validUntil", equalTo(validUntil));
        call("consultant.b", "GET", "/api/leads/" + lead + "/quotes", null).response().then().statusCode(404);
    }

    @Test
    void aReassignedLeadTakesItsBookedDriveToTheNewConsultant() {
        String lead = capture("consultant.a");
        OffsetDateTime nine = tomorrowAt(9);
        String drive = call("consultant.a", "POST", "/api/leads/" + lead + "/test-drives",
                booking(demoCar(), nine, nine.plusHours(1), LICENCE, VALID_UNTIL)).response().then().statusCode(201).extract().path("id");
        call("manager.a", "PUT", "/api/leads/" + lead + "/consultant", "{\"consultantId\":\"consultant-x\",\"reason\":\"holiday\"}")
                .response().then().statusCode(200);
        call("manager.a", "GET", "/api/test-drives/" + drive, null).response().then().statusCode(200)
                .body("consultantId", equalTo("consultant-x"));
        // The previous consultant no longer works it.
        call("consultant.a", "GET", "/api/test-drives/" + drive, null).response().then().statusCode(404);
    }

    @Test
    void theLicenceMustBeValidOnTheDriveDayInTheGroupsZone() {
        // 07:30 in Shanghai on the day after tomorrow, written in UTC: the evening before, 23:30Z.
        OffsetDateTime early = tomorrowAt(7).plusDays(1).withMinute(30).withOffsetSameInstant(ZoneOffset.UTC);
        String expiredTheDayBefore = early.atZoneSameInstant(ZoneOffset.ofHours(8)).toLocalDate().minusDays(1).toString();
        call("consultant.a", "POST", "/api/leads/" + capture("consultant.a") + "/test-drives",
                booking(demoCar(), early, early.plusMinutes(30), LICENCE, expiredTheDayBefore))
                .response().then().statusCode(422).body("errors.field", hasItem("licenceExpiry"));
    }

    private static <T> T get(Future<T> f) {
        try {
            return f.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

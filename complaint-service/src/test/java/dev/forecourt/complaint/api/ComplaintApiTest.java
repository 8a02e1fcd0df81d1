package dev.forecourt.complaint.api;

import dev.forecourt.complaint.events.ComplaintEvents;
import dev.forecourt.platform.testing.EventSchemas;
import dev.forecourt.platform.testing.KafkaEvents;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "complaint"))
class ComplaintApiTest {

    @Test
    void anOpenedComplaintCarriesItsDeadlinesAndIsPublished() {
        try (KafkaEvents events = KafkaEvents.tail("complaint-events")) {
            var created = given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                    .body("{\"storeId\":\"store-a\",\"channel\":\"HOTLINE\",\"category\":\"REPAIR_QUALITY\"}")
                    .when().post("/api/complaints").then().statusCode(201).extract();
            Instant opened = Instant.parse(created.path("createdAt"));
            assertEquals(opened.plus(Duration.ofHours(24)), Instant.parse(created.path("acknowledgeBy")));
            assertEquals(opened.plus(Duration.ofHours(48)), Instant.parse(created.path("resolveBy")));

            var received = events.awaitEvent(ComplaintEvents.OPENED, created.path("id"), Duration.ofSeconds(10));
            EventSchemas.assertValid(received.value());
        }
    }

    @Test
    void anUnknownChannelIsA400NamingTheField() {
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"channel\":\"CARRIER_PIGEON\",\"category\":\"PRICE\"}")
                .when().post("/api/complaints").then().statusCode(400).body("errors.field", hasItem("channel"));
    }

    @Test
    void aConsultantCannotOpenComplaints() {
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"channel\":\"HOTLINE\",\"category\":\"PRICE\"}")
                .when().post("/api/complaints").then().statusCode(403);
    }
}

package dev.forecourt.aftersales.api;

import dev.forecourt.aftersales.events.AftersalesEvents;
import dev.forecourt.platform.testing.EventSchemas;
import dev.forecourt.platform.testing.KafkaEvents;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "aftersales"))
class RepairOrderApiTest {

    @Test
    void openingARepairOrderPublishesItsEvent() {
        try (KafkaEvents events = KafkaEvents.tail("aftersales-events")) {
            var created = given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                    .body("{\"storeId\":\"store-a\",\"vin\":\"LSVAU2180N2183294\",\"orderType\":\"FIRST_MAINTENANCE\"}")
                    .when().post("/api/repair-orders").then().statusCode(201)
                    .body("status", equalTo("OPEN")).extract();
            var received = events.awaitEvent(AftersalesEvents.REPAIR_ORDER_OPENED, created.path("id"), Duration.ofSeconds(10));
            EventSchemas.assertValid(received.value());
            given().header("Authorization", Tokens.bearer("advisor.a")).when().get(created.header("Location"))
                    .then().statusCode(200).body("vin", equalTo("LSVAU2180N2183294"));
            given().header("Authorization", Tokens.bearer("consultant.b")).when().get(created.header("Location"))
                    .then().statusCode(403);
        }
    }

    @Test
    void aMalformedVinIsRefusedNamingTheField() {
        given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"vin\":\"LSVAU2180N21832IO\",\"orderType\":\"MAINTENANCE\"}")
                .when().post("/api/repair-orders").then().statusCode(422).body("errors.field", hasItem("vin"));
    }

    @Test
    void openingInAnotherStoreIsForbidden() {
        given().header("Authorization", Tokens.bearer("advisor.a")).contentType("application/json")
                .body("{\"storeId\":\"store-b\",\"vin\":\"LSVAU2180N2183294\",\"orderType\":\"MAINTENANCE\"}")
                .when().post("/api/repair-orders").then().statusCode(403);
    }
}

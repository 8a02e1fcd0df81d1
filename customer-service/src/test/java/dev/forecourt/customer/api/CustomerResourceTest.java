package dev.forecourt.customer.api;

import dev.forecourt.customer.domain.Customer;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "customer"))
class CustomerResourceTest {

    static final UUID IN_A = UUID.randomUUID();
    static final UUID IN_B = UUID.randomUUID();

    @BeforeAll
    static void twoStores() {
        QuarkusTransaction.requiringNew().run(() -> {
            for (var row : List.of(new Object[]{IN_A, "store-a"}, new Object[]{IN_B, "store-b"})) {
                Customer c = new Customer();
                c.id = (UUID) row[0];
                c.storeId = (String) row[1];
                c.kind = Customer.Kind.INDIVIDUAL;
                c.persist();
            }
        });
    }

    @Test
    void anonymousCallersAreRefused() {
        given().when().get("/api/customers").then().statusCode(401);
    }

    @Test
    void rolesWithoutCustomerAccessAreForbidden() {
        given().header("Authorization", Tokens.bearer("analyst"))
                .when().get("/api/customers").then().statusCode(403);
    }

    @Test
    void aConsultantSeesOnlyTheCustomersOfTheirStore() {
        given().header("Authorization", Tokens.bearer("consultant.b"))
                .when().get("/api/customers").then().statusCode(200)
                .body("items.id", hasItem(IN_B.toString()))
                .body("items.id", not(hasItem(IN_A.toString())))
                .body("items.storeId", everyItem(equalTo("store-b")));
    }

    @Test
    void theGroupAdminSeesEveryStore() {
        given().header("Authorization", Tokens.bearer("admin"))
                .when().get("/api/customers").then().statusCode(200)
                .body("items.id", hasItem(IN_A.toString()))
                .body("items.id", hasItem(IN_B.toString()));
    }

    @Test
    void listsArePagedWithACursor() {
        String cursor = given().header("Authorization", Tokens.bearer("admin"))
                .queryParam("limit", 1)
                .when().get("/api/customers").then().statusCode(200)
                .body("items", hasSize(1))
                .extract().path("nextCursor");
        given().header("Authorization", Tokens.bearer("admin"))
                .queryParam("limit", 1).queryParam("cursor", cursor)
                .when().get("/api/customers").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", not(equalTo(cursor)));
    }
}

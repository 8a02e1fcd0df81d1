package dev.forecourt.customer.api;

import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ARCHITECTURE.md security matrix for every customer-service endpoint: anonymous 401, a role
 * without access 403, and a store user reaching another store's customer 404 (never the data).
 */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "customer"))
class CustomerSecurityMatrixTest {

    String customer;
    String vehicle;

    @BeforeEach
    void aStoreACustomerWithAVehicle() {
        customer = CustomerRecordTest.registerPerson(CustomerRecordTest.phone(), CustomerRecordTest.idNumber());
        vehicle = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"vin\":\"" + CustomerRecordTest.vin() + "\"}")
                .when().post("/api/customers/" + customer + "/vehicles").then().statusCode(201).extract().path("id");
    }

    /**
     * method, path ({c}: a store-a customer, {v}: its vehicle), body (JSON, or a CSV after {@code csv:}),
     * role without access, store-b user with the role (or -: none of the test users has it).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
            "GET|/api/customers/{c}||analyst|consultant.b",
            "PATCH|/api/customers/{c}|{\"occupation\":\"x\"}|analyst|consultant.b",
            "GET|/api/customers/{c}/summary||analyst|consultant.b",
            "GET|/api/customers/{c}/history||consultant.a|-",
            "GET|/api/customers/{c}/personal-data-access||consultant.a|-",
            "GET|/api/customers/{c}/duplicates||consultant.a|-",
            "GET|/api/customers/{c}/lifetime-value||consultant.a|-",
            "PUT|/api/customers/{c}/lifecycle-class|{\"lifecycleClass\":\"INTENT\",\"leadGrade\":\"A\",\"reason\":\"r\"}|consultant.a|-",
            "PUT|/api/customers/{c}/vip|{\"vip\":true,\"reason\":\"r\"}|consultant.a|-",
            "POST|/api/customers/{c}/referrals|{\"referredAt\":\"2025-01-01T00:00:00Z\",\"reference\":\"r\"}|consultant.a|-",
            "GET|/api/customers/{c}/consents||analyst|consultant.b",
            "POST|/api/customers/{c}/consents|{\"channel\":\"SMS\",\"purpose\":\"MARKETING\",\"granted\":true,\"source\":\"s\"}|analyst|consultant.b",
            "GET|/api/customers/{c}/consents/check?channel=SMS&purpose=MARKETING||analyst|consultant.b",
            "GET|/api/customers/{c}/points||analyst|consultant.b",
            "POST|/api/customers/{c}/points/redemptions|{\"points\":1,\"forWhat\":\"GIFT\",\"reference\":\"r\"}|analyst|consultant.b",
            "GET|/api/customers/{c}/vehicles||analyst|consultant.b",
            "POST|/api/customers/{c}/vehicles|{\"vin\":\"1M8GDM9AXKP042788\"}|analyst|consultant.b",
            "GET|/api/vehicles/{v}||analyst|consultant.b",
            "PATCH|/api/vehicles/{v}|{\"colour\":\"red\"}|analyst|consultant.b",
            "POST|/api/vehicles/{v}/odometer-readings|{\"readOn\":\"2025-01-01\",\"km\":1,\"source\":\"s\"}|analyst|-",
            "POST|/api/vehicles/{v}/transfers|{\"customerId\":\"{c}\",\"on\":\"2025-01-01\"}|consultant.a|-",
            "GET|/api/vehicles||analyst|-",
            "POST|/api/customers/resolve|{\"storeId\":\"store-a\",\"phone\":\"13800000000\"}|analyst|-",
            "POST|/api/customer-merges|{\"customerIds\":[\"{c}\",\"{c}\"],\"reason\":\"r\"}|consultant.a|-",
            "GET|/api/customer-measures/loyalty?storeId=store-a&from=2025-01-01&to=2026-01-01||consultant.a|-",
            "GET|/api/customer-imports/00000000-0000-4000-8000-000000000000||consultant.a|-",
            "GET|/api/customers||analyst|-",
            "POST|/api/customers|{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\"}|analyst|-",
            "GET|/api/customer-merges/00000000-0000-4000-8000-000000000000||consultant.a|-",
            "POST|/api/customer-merges/00000000-0000-4000-8000-000000000000/undo|{\"reason\":\"r\"}|consultant.a|-",
            "POST|/api/customer-imports?storeId=store-a|csv:name,phone|consultant.a|-",
            "GET|/api/customer-imports/00000000-0000-4000-8000-000000000000/rejections||consultant.a|-",
            "GET|/api/customer-imports/00000000-0000-4000-8000-000000000000/rejections/accesses||consultant.a|-",
    })
    void everyEndpointRefusesTheAnonymousTheWrongRoleAndOtherStores(String method, String path, String body,
                                                                     String wrongRole, String otherStore) {
        String url = path.replace("{c}", customer).replace("{v}", vehicle);
        String json = body == null ? null : body.replace("{c}", customer);
        assertEquals(401, call(given(), method, url, json), "anonymous");
        assertEquals(403, call(given().header("Authorization", Tokens.bearer(wrongRole)), method, url, json), wrongRole);
        if (!"-".equals(otherStore)) {
            assertEquals(404, call(given().header("Authorization", Tokens.bearer(otherStore)), method, url, json), otherStore);
        }
    }

    /**
     * Services remember the tokens they verified (platform VerifiedTokens). What they remember
     * must be the exact token: one whose claims or signature were changed is refused, although the
     * genuine one was accepted just before and is accepted again after.
     */
    @Test
    void onlyTheExactTokenThatWasVerifiedIsTrusted() {
        String token = Tokens.of("consultant.b");
        String url = "/api/customers/" + customer; // a store-a customer: consultant.b sees 404
        assertEquals(404, call(given().header("Authorization", "Bearer " + token), "GET", url, null));
        String[] parts = token.split("\\.");
        Base64.Decoder decode = Base64.getUrlDecoder();
        Base64.Encoder encode = Base64.getUrlEncoder().withoutPadding();
        String claims = new String(decode.decode(parts[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"store-b\""), claims);
        String otherStore = encode.encodeToString(claims.replace("\"store-b\"", "\"store-a\"").getBytes(StandardCharsets.UTF_8));
        byte[] signature = decode.decode(parts[2]);
        signature[signature.length / 2] ^= 1;
        for (String forged : List.of(parts[0] + "." + otherStore + "." + parts[2],
                parts[0] + "." + parts[1] + "." + encode.encodeToString(signature))) {
            assertEquals(401, call(given().header("Authorization", "Bearer " + forged), "GET", url, null), forged);
        }
        assertEquals(404, call(given().header("Authorization", "Bearer " + token), "GET", url, null));
        assertEquals(200, call(given().header("Authorization", Tokens.bearer("consultant.a")), "GET", url, null));
    }

    private static int call(RequestSpecification spec, String method, String url, String body) {
        if (body != null && body.startsWith("csv:")) {
            spec = spec.contentType("text/csv").body(body.substring(4));
        } else if (body != null) {
            spec = spec.contentType("application/json").body(body);
        }
        return spec.when().request(method, url).then().extract().statusCode();
    }
}

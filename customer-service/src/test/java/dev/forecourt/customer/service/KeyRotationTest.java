package dev.forecourt.customer.service;

import dev.forecourt.platform.pii.PiiConfig;
import dev.forecourt.platform.pii.PiiCrypto;
import dev.forecourt.platform.testing.RealServices;
import dev.forecourt.platform.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A key rotation: values sealed under an older key (still configured, test profile "old1") are
 * resealed under the active key by the rotation job, and read back the same.
 */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "customer"))
class KeyRotationTest {

    @Inject
    EntityManager em;

    @Inject
    PiiConfig config;

    @Inject
    PiiCrypto crypto;

    @Inject
    dev.forecourt.platform.pii.Resealer rotation;

    byte[] nameEnc(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (byte[]) em.createNativeQuery(
                "SELECT name_enc FROM customer WHERE id = ?1").setParameter(1, id).getSingleResult());
    }

    Object[] phoneRow(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery(
                "SELECT value_enc, key_id FROM customer_identifier WHERE customer_id = ?1 AND kind = 'PHONE'")
                .setParameter(1, id).getSingleResult());
    }

    @Test
    void valuesUnderAnOlderKeyAreResealedUnderTheActiveOneAndReadTheSame() {
        String phone = "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String id = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"name\":\"王芳\",\"phones\":[\"" + phone + "\"]}")
                .when().post("/api/customers").then().statusCode(201).extract().path("id");
        UUID customer = UUID.fromString(id);

        // As if sealed before the rotation: the same values under the old key.
        PiiCrypto old = PiiCrypto.fromBase64(config.keys(), "old1", config.hashKey());
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("UPDATE customer SET name_enc = ?2 WHERE id = ?1")
                    .setParameter(1, customer).setParameter(2, old.seal("王芳", PersonalData.NAME)).executeUpdate();
            em.createNativeQuery("UPDATE customer_identifier SET value_enc = ?2, key_id = 'old1' WHERE customer_id = ?1"
                            + " AND kind = 'PHONE'")
                    .setParameter(1, customer).setParameter(2, old.seal("+86" + phone, dev.forecourt.customer.domain.CustomerIdentifier.Kind.PHONE.context())).executeUpdate();
        });
        assertEquals("old1", PiiCrypto.keyIdOf(nameEnc(customer)));

        assertTrue(rotation.rotate() >= 2, "the name and the phone were resealed");

        assertEquals(crypto.activeKeyId(), PiiCrypto.keyIdOf(nameEnc(customer)));
        Object[] phoneRow = phoneRow(customer);
        assertEquals(crypto.activeKeyId(), PiiCrypto.keyIdOf((byte[]) phoneRow[0]));
        assertEquals(crypto.activeKeyId(), phoneRow[1], "the key_id column follows");
        // The full read opens them as before, and the look-up by phone still finds the customer.
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + id)
                .then().statusCode(200).body("name", equalTo("王芳")).body("phones[0]", equalTo("+86" + phone));
        given().header("Authorization", Tokens.bearer("consultant.a")).queryParam("phone", phone)
                .when().get("/api/customers").then().statusCode(200).body("items[0].id", equalTo(id));
        assertEquals(0, rotation.rotate(), "nothing is left under the old key");
    }

    @Test
    void aMergeStillUndoesAfterTheRotationResealedWhatItOverwrote() {
        String phone = "136" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
        String older = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"phones\":[\"" + phone + "\"]}")
                .when().post("/api/customers").then().statusCode(201).extract().path("id");
        String newer = given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"storeId\":\"store-a\",\"kind\":\"INDIVIDUAL\",\"name\":\"李娜\",\"phones\":[\"" + phone + "\"]}")
                .when().post("/api/customers").then().statusCode(201).extract().path("id");
        String mergeId = given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json")
                .body("{\"customerIds\":[\"" + newer + "\",\"" + older + "\"],\"reason\":\"same person\"}")
                .when().post("/api/customer-merges").then().statusCode(201).body("survivorId", equalTo(older))
                .extract().path("mergeId");
        // A consent sent for the merged record is refused: it would never reach the survivor.
        given().header("Authorization", Tokens.bearer("consultant.a")).contentType("application/json")
                .body("{\"channel\":\"SMS\",\"purpose\":\"MARKETING\",\"granted\":false,\"source\":\"call centre\"}")
                .when().post("/api/customers/" + newer + "/consents").then().statusCode(409);
        // What a rotation does to the name the merge gave the survivor: the same text, a new envelope.
        QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery("UPDATE customer SET name_enc = ?2 WHERE id = ?1")
                .setParameter(1, UUID.fromString(older)).setParameter(2, crypto.seal("李娜", PersonalData.NAME)).executeUpdate());

        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json").body("{\"reason\":\"two people\"}")
                .when().post("/api/customer-merges/" + mergeId + "/undo").then().statusCode(200);
        // The name the merge brought is taken back all the same; undoing twice is refused.
        given().header("Authorization", Tokens.bearer("consultant.a")).when().get("/api/customers/" + older)
                .then().statusCode(200).body("name", org.hamcrest.Matchers.nullValue());
        given().header("Authorization", Tokens.bearer("manager.a")).contentType("application/json").body("{\"reason\":\"again\"}")
                .when().post("/api/customer-merges/" + mergeId + "/undo").then().statusCode(409);
    }
}

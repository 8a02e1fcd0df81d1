package dev.forecourt.platform.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Keycloak realm and the code must name the same roles, or @RolesAllowed silently locks people out. */
class RealmRolesTest {

    private static final Path REALM = Path.of("../../deploy/keycloak/forecourt-realm.json");

    @Test
    void theRealmDefinesExactlyTheRolesOfTheCode() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(REALM.toFile());
        Set<String> realmRoles = new HashSet<>();
        realm.path("roles").path("realm").forEach(r -> realmRoles.add(r.path("name").asText()));
        assertEquals(Roles.ALL, realmRoles);
    }

    @Test
    void everyDemoUserHasOnlyKnownRoles() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(REALM.toFile());
        realm.path("users").forEach(u -> u.path("realmRoles").forEach(role ->
                assertTrue(Roles.ALL.contains(role.asText()), u.path("username").asText() + " has unknown role " + role)));
    }
}

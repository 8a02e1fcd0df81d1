package dev.forecourt.platform.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Real access tokens from the local Keycloak for the demo users of the {@code forecourt}
 * realm (password {@code forecourt}), through its public {@code forecourt-cli} client.
 * Tokens are cached until shortly before they expire.
 */
public final class Tokens {

    public static final String DEMO_PASSWORD = "forecourt";
    private static final String CLIENT_ID = "forecourt-cli";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant expires) {
    }

    private Tokens() {
    }

    /** An access token for a demo user, e.g. {@code Tokens.of("consultant.a")}. */
    public static String of(String username) {
        return forKeycloak(LocalInfrastructure.KEYCLOAK_URL, username);
    }

    public static String forKeycloak(String keycloakUrl, String username) {
        Cached cached = CACHE.get(keycloakUrl + "|" + username);
        if (cached != null && Instant.now().isBefore(cached.expires())) {
            return cached.token();
        }
        Cached fresh = fetch(keycloakUrl, username);
        CACHE.put(keycloakUrl + "|" + username, fresh);
        return fresh.token();
    }

    /** {@code Authorization} header value for a demo user. */
    public static String bearer(String username) {
        return "Bearer " + of(username);
    }

    /** The subject ({@code sub}) of a demo user's token: the user id services record. */
    public static String subject(String username) {
        String payload = of(username).split("\\.")[1];
        try {
            return JSON.readTree(java.util.Base64.getUrlDecoder().decode(payload)).path("sub").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Unreadable token payload for " + username, e);
        }
    }

    private static Cached fetch(String keycloakUrl, String username) {
        String form = "grant_type=password&client_id=" + CLIENT_ID + "&scope=openid"
                + "&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(DEMO_PASSWORD, StandardCharsets.UTF_8);
        URI uri = URI.create(keycloakUrl + "/realms/" + LocalInfrastructure.REALM + "/protocol/openid-connect/token");
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .timeout(Duration.ofSeconds(10))
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak refused a token for " + username + " (" + response.statusCode()
                        + "): " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            long lifetime = body.path("expires_in").asLong(60);
            return new Cached(body.path("access_token").asText(),
                    Instant.now().plusSeconds(Math.max(5, lifetime - 30)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Keycloak is not reachable at " + keycloakUrl + ": "
                    + LocalInfrastructure.HOW_TO_START, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

package dev.forecourt.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** A remembered token is trusted only while it is unexpired, and only up to the configured size and time. */
class VerifiedTokensStoreTest {

    @Test
    void aRememberedTokenIsAnsweredUntilItsExpiryPasses() {
        var store = new VerifiedTokens.Store(10, Duration.ofMinutes(2), new SimpleMeterRegistry());
        SecurityIdentity identity = identity("consultant.a", Instant.now().getEpochSecond() + 2);
        store.put("token-1", identity);
        assertSame(identity, store.get("token-1"));
        assertNull(store.get("token-2"), "only the exact token is remembered");
        await().atMost(Duration.ofSeconds(5)).until(() -> store.get("token-1") == null);
    }

    @Test
    void theExpiryIsReadFromThePrincipalOidcBuilds() {
        // OIDC's principal (OidcJwtCallerPrincipal) is a DefaultJWTCallerPrincipal over jose4j's claims
        JwtClaims claims = new JwtClaims();
        claims.setSubject("consultant.a");
        claims.setExpirationTimeMinutesInTheFuture(1);
        SecurityIdentity identity = QuarkusSecurityIdentity.builder().setPrincipal(new DefaultJWTCallerPrincipal(claims)).build();
        var store = new VerifiedTokens.Store(10, Duration.ofMinutes(2), new SimpleMeterRegistry());
        store.put("token", identity);
        assertSame(identity, store.get("token"));
    }

    @Test
    void anExpiredOrUndatedTokenIsNeverRemembered() {
        var store = new VerifiedTokens.Store(10, Duration.ofMinutes(2), new SimpleMeterRegistry());
        store.put("expired", identity("consultant.a", Instant.now().getEpochSecond() - 1));
        store.put("undated", identity("consultant.a", null));
        assertNull(store.get("expired"));
        assertNull(store.get("undated"));
    }

    @Test
    void itsHitsAndMissesAreCountedForOperators() {
        var metrics = new SimpleMeterRegistry();
        var store = new VerifiedTokens.Store(10, Duration.ofMinutes(2), metrics);
        store.put("token", identity("consultant.a", Instant.now().getEpochSecond() + 600));
        store.get("token");
        store.get("token");
        store.get("unknown");
        store.knows("token"); // the keeping augmentor's check is not a look-up
        assertEquals(2.0, metrics.get("cache.gets").tag("cache", "verified_tokens").tag("result", "hit").functionCounter().count());
        assertEquals(1.0, metrics.get("cache.gets").tag("cache", "verified_tokens").tag("result", "miss").functionCounter().count());
    }

    @Test
    void noEntryOutlivesTheConfiguredTime() {
        var store = new VerifiedTokens.Store(10, Duration.ofMillis(300), new SimpleMeterRegistry());
        store.put("token", identity("consultant.a", Instant.now().getEpochSecond() + 600));
        await().atMost(Duration.ofSeconds(5)).until(() -> store.get("token") == null);
    }

    @Test
    void sizeZeroTurnsTheCacheOff() {
        var store = new VerifiedTokens.Store(0, Duration.ofMinutes(2), new SimpleMeterRegistry());
        store.put("token", identity("consultant.a", Instant.now().getEpochSecond() + 600));
        assertNull(store.get("token"));
    }

    private static SecurityIdentity identity(String name, Long exp) {
        Map<String, Object> claims = exp == null ? Map.of() : Map.of(Claims.exp.name(), exp);
        JsonWebToken jwt = new JsonWebToken() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public Set<String> getClaimNames() {
                return claims.keySet();
            }

            @Override
            @SuppressWarnings("unchecked")
            public <T> T getClaim(String claim) {
                return (T) claims.get(claim);
            }
        };
        return QuarkusSecurityIdentity.builder().setPrincipal(jwt).build();
    }
}

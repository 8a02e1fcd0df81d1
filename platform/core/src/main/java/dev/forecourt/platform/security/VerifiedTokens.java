package dev.forecourt.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Duration;
import java.time.Instant;

/**
 * Remembers bearer tokens OIDC has verified, so a client calling again with the same token is not
 * parsed and signature-checked again: that was half of what a look-up by phone allocated and a
 * quarter of its time at the service (measured with JFR on customer-service). Keyed by the whole
 * token, so a token differing in any byte (a forged signature, other claims) is verified afresh;
 * an entry is used only while its token is unexpired and for at most
 * {@code forecourt.security.token-cache.ttl}. Tokens are verified locally, never introspected,
 * so a cache changes nothing about revocation: a Keycloak logout did not reach a service before
 * either. {@code forecourt.security.token-cache.max-size=0} turns it off.
 */
public final class VerifiedTokens {

    private VerifiedTokens() {
    }

    @ApplicationScoped
    public static class Store {

        private final Cache<String, SecurityIdentity> identities;

        /** Its hits, misses and size are on /q/metrics as {@code cache_*{cache="verified_tokens"}}. */
        Store(@ConfigProperty(name = "forecourt.security.token-cache.max-size", defaultValue = "1000") long maxSize,
              @ConfigProperty(name = "forecourt.security.token-cache.ttl", defaultValue = "PT2M") Duration ttl,
              MeterRegistry metrics) {
            this.identities = maxSize <= 0 ? null
                    : Caffeine.newBuilder().maximumSize(maxSize).expireAfterWrite(ttl).recordStats().build();
            if (identities != null) {
                CaffeineCacheMetrics.monitor(metrics, identities, "verified_tokens");
            }
        }

        /** The identity OIDC built for this exact token, if it was verified and has not expired since. */
        SecurityIdentity get(String token) {
            if (identities == null) {
                return null;
            }
            SecurityIdentity known = identities.getIfPresent(token);
            if (known != null && !unexpired(known)) {
                identities.invalidate(token);
                return null;
            }
            return known;
        }

        /** Whether the token is remembered; unlike {@link #get}, not counted as a hit or a miss. */
        boolean knows(String token) {
            return identities != null && identities.asMap().containsKey(token);
        }

        void put(String token, SecurityIdentity identity) {
            if (identities != null && unexpired(identity)) {
                identities.put(token, identity);
            }
        }

        /** Whether the token names an expiry that has not passed; a token without one is never remembered. */
        private static boolean unexpired(SecurityIdentity identity) {
            // getClaim, not getExpirationTime: that one unboxes a missing exp into a NullPointerException
            return identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getClaim(Claims.exp.name()) instanceof Number exp
                    && Instant.now().getEpochSecond() < exp.longValue();
        }
    }

    /**
     * Runs before OIDC's own provider: answers a token it has seen verified, else nothing, and
     * OIDC verifies it. The remembered identity carries the first request's routing context, so
     * it is rebuilt with this request's.
     */
    @ApplicationScoped
    public static class Provider implements IdentityProvider<TokenAuthenticationRequest> {

        private final Store store;

        Provider(Store store) {
            this.store = store;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public int priority() {
            return SYSTEM_FIRST + 100;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
            if (!(request.getToken() instanceof AccessTokenCredential)) {
                return Uni.createFrom().nullItem();
            }
            SecurityIdentity known = store.get(request.getToken().getToken());
            if (known == null) {
                return Uni.createFrom().nullItem();
            }
            RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
            QuarkusSecurityIdentity.Builder copy = QuarkusSecurityIdentity.builder(known);
            if (rc != null) {
                copy.addAttribute(RoutingContext.class.getName(), rc);
            }
            return Uni.createFrom().item(copy.build());
        }
    }

    /** Keeps what OIDC verified; runs first, so the other augmentors still run on every request. */
    @ApplicationScoped
    public static class Keeper implements SecurityIdentityAugmentor {

        private final Store store;

        Keeper(Store store) {
            this.store = store;
        }

        @Override
        public int priority() {
            return Integer.MAX_VALUE;
        }

        @Override
        public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
            AccessTokenCredential token = identity.isAnonymous() ? null : identity.getCredential(AccessTokenCredential.class);
            if (token != null && !store.knows(token.getToken())) {
                store.put(token.getToken(), identity);
            }
            return Uni.createFrom().item(identity);
        }
    }
}

package dev.forecourt.platform.security;

import dev.forecourt.platform.problem.Problem;
import dev.forecourt.platform.problem.ProblemException;
import io.quarkus.oidc.runtime.OidcJwtCallerPrincipal;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;
import java.util.function.Function;

/** Who is calling, and for which stores, from the verified bearer token of this request. */
@RequestScoped
public class CurrentUser {

    /** Name of the token claim listing the store ids a user may act for. */
    public static final String STORES_CLAIM = "stores";

    @Inject
    SecurityIdentity identity;

    private StoreScope stores; // per request: a request asks for it several times

    public String id() {
        if (identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null) {
            return jwt.getSubject();
        }
        return identity.getPrincipal().getName();
    }

    public String username() {
        return identity.getPrincipal().getName();
    }

    public boolean hasRole(String role) {
        return identity.hasRole(role);
    }

    public StoreScope stores() {
        if (stores == null) {
            stores = identity.isAnonymous() ? StoreScope.NONE : StoreScope.of(identity.getRoles(), storesClaim());
        }
        return stores;
    }

    /** Refuses (403) an action in a store the caller does not act for. */
    public void requireStore(String storeId) {
        if (!stores().allows(storeId)) {
            throw new ProblemException(new Problem(Problem.type("forbidden-store"), "Forbidden", 403,
                    "You do not act for store " + storeId, null, List.of(), null));
        }
    }

    /**
     * The entity if it exists and belongs to one of the caller's stores; otherwise 404, the
     * same answer for "absent" and "another store's", so ids of other stores leak nothing.
     */
    public <T> T visible(T entity, Function<T, String> storeOf, String what, Object id) {
        if (entity == null || !stores().allows(storeOf.apply(entity))) {
            throw ProblemException.notFound(what, id);
        }
        return entity;
    }

    private List<String> storesClaim() {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return List.of();
        }
        // From the parsed claims where OIDC gives them: JsonWebToken.getClaim first tries the name as a
        // standard claim and throws (and catches) an exception for every custom one, on every request.
        Object claim = jwt instanceof OidcJwtCallerPrincipal oidc ? oidc.getClaims().getClaimValue(STORES_CLAIM)
                : jwt.getClaim(STORES_CLAIM);
        if (claim instanceof JsonArray array) { // (a JsonArray is a List too: test it first)
            return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
        }
        if (claim instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        if (claim instanceof JsonString single) {
            return List.of(single.getString());
        }
        if (claim instanceof String single) {
            return List.of(single);
        }
        return List.of();
    }
}

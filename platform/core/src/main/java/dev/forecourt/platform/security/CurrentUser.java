package dev.forecourt.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.List;

/** Who is calling, and for which stores, from the verified bearer token of this request. */
@RequestScoped
public class CurrentUser {

    /** Name of the token claim listing the store ids a user may act for. */
    public static final String STORES_CLAIM = "stores";

    @Inject
    SecurityIdentity identity;

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
        if (identity.isAnonymous()) {
            return StoreScope.NONE;
        }
        return StoreScope.of(identity.getRoles(), storesClaim());
    }

    private List<String> storesClaim() {
        if (!(identity.getPrincipal() instanceof JsonWebToken jwt)) {
            return List.of();
        }
        Object claim = jwt.getClaim(STORES_CLAIM);
        if (claim instanceof JsonArray array) {
            return array.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList();
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

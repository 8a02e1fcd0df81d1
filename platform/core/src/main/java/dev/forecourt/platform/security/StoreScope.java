package dev.forecourt.platform.security;

import java.util.Collection;
import java.util.Set;

/**
 * The stores a caller may act for, as read from the token: every store for group-wide
 * roles, otherwise exactly the store ids in the {@code stores} claim (none if it is absent,
 * so a token without the claim sees nothing rather than everything).
 */
public record StoreScope(boolean allStores, Set<String> storeIds) {

    public static final StoreScope NONE = new StoreScope(false, Set.of());

    public static StoreScope of(Collection<String> roles, Collection<String> storesClaim) {
        if (roles.stream().anyMatch(Roles.GROUP_WIDE::contains)) {
            return new StoreScope(true, Set.of());
        }
        return new StoreScope(false, storesClaim == null ? Set.of() : Set.copyOf(storesClaim));
    }

    public boolean allows(String storeId) {
        return allStores || storeIds.contains(storeId);
    }
}

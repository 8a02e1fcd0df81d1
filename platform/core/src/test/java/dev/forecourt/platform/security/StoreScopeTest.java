package dev.forecourt.platform.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreScopeTest {

    @Test
    void aStoreRoleActsForExactlyTheStoresInItsClaim() {
        StoreScope scope = StoreScope.of(List.of(Roles.SALES_CONSULTANT), List.of("store-a", "store-c"));
        assertFalse(scope.allStores());
        assertEquals(Set.of("store-a", "store-c"), scope.storeIds());
        assertTrue(scope.allows("store-a"));
        assertFalse(scope.allows("store-b"));
    }

    @Test
    void groupWideRolesActForEveryStoreWhateverTheClaimSays() {
        assertTrue(StoreScope.of(List.of(Roles.GROUP_ADMIN), List.of()).allows("store-z"));
        assertTrue(StoreScope.of(List.of(Roles.ANALYST), null).allStores());
    }

    @Test
    void aTokenWithoutTheClaimSeesNoStoreRatherThanAll() {
        StoreScope scope = StoreScope.of(List.of(Roles.STORE_MANAGER), null);
        assertFalse(scope.allStores());
        assertFalse(scope.allows("store-a"));
    }
}

package dev.forecourt.platform.persistence;

import dev.forecourt.platform.api.Page;
import dev.forecourt.platform.security.StoreScope;
import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A Panache query over {@link StoreOwnedEntity}s restricted to the caller's stores and paged by
 * id (keyset paging), so no list in any service can forget the store filter.
 */
public final class StoreScopedQuery {

    private final List<String> conditions = new ArrayList<>();
    private final Parameters parameters = new Parameters();

    private StoreScopedQuery(StoreScope scope) {
        if (!scope.allStores()) {
            if (scope.storeIds().isEmpty()) {
                conditions.add("1 = 0");
            } else {
                conditions.add("storeId in :stores");
                parameters.and("stores", List.copyOf(scope.storeIds()));
            }
        }
    }

    public static StoreScopedQuery of(StoreScope scope) {
        return new StoreScopedQuery(scope);
    }

    /** Only rows after this cursor (the last id of the previous page); none when null. */
    public StoreScopedQuery after(UUID cursor) {
        if (cursor != null) {
            conditions.add("id > :cursor");
            parameters.and("cursor", cursor);
        }
        return this;
    }

    /** Adds a condition without parameters, e.g. {@code and("mergedInto is null")}. */
    public StoreScopedQuery and(String condition) {
        conditions.add(condition);
        return this;
    }

    /** Adds a condition with one named parameter, e.g. {@code and("consultantId = :me", "me", id)}. */
    public StoreScopedQuery and(String condition, String name, Object value) {
        conditions.add(condition);
        parameters.and(name, value);
        return this;
    }

    /**
     * Runs the query and returns one page, e.g.
     * {@code query.page((where, params) -> Customer.find(where, params), limit, CustomerView::of)}
     * (a lambda, not {@code Customer::find}: only direct calls reach the entity's generated find).
     */
    public <E extends StoreOwnedEntity, T> Page<T> page(BiFunction<String, Parameters, PanacheQuery<E>> finder,
                                                        int limit, Function<E, T> toItem) {
        List<E> fetched = finder.apply(where(), parameters).page(0, limit + 1).list();
        return Page.of(fetched, limit, toItem, e -> e.id.toString());
    }

    public String where() {
        return (conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions)) + " order by id";
    }

    public Parameters parameters() {
        return parameters;
    }
}

package dev.forecourt.platform.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The security matrix every store-scoped resource must pass (ARCHITECTURE.md, Security):
 * anonymous 401 (list, read, create), a role without access 403, a store user sees their
 * store's records and never another store's (404 on a direct read), a group admin sees all
 * stores, and paging by cursor. A service's test
 * extends this, names the endpoint and users in its constructor, and says how to store one row.
 */
public abstract class StoreScopedListContract {

    private static final Map<Class<?>, UUID[]> SEEDED = new ConcurrentHashMap<>();
    /** A bound on paging through a list (200 rows a page), so a cursor that never ends fails the test. */
    private static final int MAX_PAGES = 1_000;

    protected UUID ownStoreRow;
    protected UUID otherStoreRow;

    private final String path;
    private final String storeUser;
    private final String storeOfUser;
    private final String forbiddenUser;

    /**
     * @param path          the list endpoint, e.g. {@code /api/customers}
     * @param storeUser     a demo user allowed to list, acting for {@code storeOfUser} only
     * @param storeOfUser   that user's store ({@code store-a} or {@code store-b})
     * @param forbiddenUser a demo user whose roles do not allow this list
     */
    protected StoreScopedListContract(String path, String storeUser, String storeOfUser, String forbiddenUser) {
        this.path = path;
        this.storeUser = storeUser;
        this.storeOfUser = storeOfUser;
        this.forbiddenUser = forbiddenUser;
    }

    /** Stores one row with this id in this store, committed, visible to the store user when in its store. */
    protected abstract void insert(UUID id, String storeId);

    protected String path() {
        return path;
    }

    private String otherStore() {
        return "store-a".equals(storeOfUser) ? "store-b" : "store-a";
    }

    @BeforeEach
    void seedOneRowPerStore() {
        UUID[] rows = SEEDED.computeIfAbsent(getClass(), c -> {
            UUID own = UUID.randomUUID();
            UUID other = UUID.randomUUID();
            insert(own, storeOfUser);
            insert(other, otherStore());
            return new UUID[] {own, other};
        });
        ownStoreRow = rows[0];
        otherStoreRow = rows[1];
    }

    @Test
    void anonymousCallersAreRefused() {
        given().when().get(path()).then().statusCode(401);
    }

    @Test
    void anonymousCallersCannotReadOneOrCreate() {
        given().when().get(path() + "/" + ownStoreRow).then().statusCode(401);
        given().contentType("application/json").body("{}").when().post(path()).then().statusCode(401);
    }

    @Test
    void oneRecordIsReadableInItsStoreAndNotFoundFromAnother() {
        given().header("Authorization", Tokens.bearer(storeUser))
                .when().get(path() + "/" + ownStoreRow).then().statusCode(200);
        given().header("Authorization", Tokens.bearer(storeUser))
                .when().get(path() + "/" + otherStoreRow).then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void rolesWithoutAccessAreForbidden() {
        given().header("Authorization", Tokens.bearer(forbiddenUser))
                .when().get(path()).then().statusCode(403);
    }

    @Test
    void aStoreUserSeesOnlyTheirStore() {
        List<Map<String, Object>> items = everyPage(storeUser);
        assertThat(ids(items), hasItem(ownStoreRow.toString()));
        assertThat(ids(items), not(hasItem(otherStoreRow.toString())));
        assertThat(items.stream().map(i -> i.get("storeId")).toList(), everyItem(equalTo(storeOfUser)));
    }

    @Test
    void theGroupAdminSeesEveryStore() {
        List<String> ids = ids(everyPage("admin"));
        assertThat(ids, hasItem(ownStoreRow.toString()));
        assertThat(ids, hasItem(otherStoreRow.toString()));
    }

    /**
     * The whole list as this user sees it, page by page: the seeded rows may sit on any page, since
     * other tests of the same service leave rows of their own (ordered by id, time-ordered ids of a
     * bulk import fill the first pages).
     */
    private List<Map<String, Object>> everyPage(String user) {
        List<Map<String, Object>> items = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < MAX_PAGES; page++) {
            var request = given().header("Authorization", Tokens.bearer(user)).queryParam("limit", 200);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var body = request.when().get(path()).then().statusCode(200).extract().jsonPath();
            items.addAll(body.getList("items"));
            cursor = body.getString("nextCursor");
            if (cursor == null) {
                return items;
            }
        }
        throw new AssertionError(path() + " still had a next page after " + MAX_PAGES + " pages");
    }

    private static List<String> ids(List<Map<String, Object>> items) {
        return items.stream().map(i -> String.valueOf(i.get("id"))).toList();
    }

    @Test
    void aBadLimitOrCursorIsA422NamingTheParameter() {
        given().header("Authorization", Tokens.bearer("admin")).queryParam("cursor", "not-a-cursor")
                .when().get(path()).then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].field", equalTo("cursor"));
        given().header("Authorization", Tokens.bearer("admin")).queryParam("limit", "0")
                .when().get(path()).then().statusCode(422)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void listsArePagedWithACursor() {
        String first = given().header("Authorization", Tokens.bearer("admin")).queryParam("limit", 1)
                .when().get(path()).then().statusCode(200)
                .body("items", hasSize(1))
                .extract().path("items[0].id");
        String cursor = given().header("Authorization", Tokens.bearer("admin")).queryParam("limit", 1)
                .when().get(path()).then().extract().path("nextCursor");
        given().header("Authorization", Tokens.bearer("admin"))
                .queryParam("limit", 1).queryParam("cursor", cursor)
                .when().get(path()).then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", not(equalTo(first)));
    }
}

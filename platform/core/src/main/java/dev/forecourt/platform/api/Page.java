package dev.forecourt.platform.api;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list: the items and, when more follow, the opaque cursor to pass back as
 * {@code cursor} for the next page (ARCHITECTURE.md: lists are paged by limit and cursor).
 */
public record Page<T>(List<T> items, String nextCursor) {

    /**
     * Builds a page from a query that fetched {@code limit + 1} rows: the extra row only tells
     * that another page exists, and the last returned item's key becomes the cursor.
     */
    public static <E, T> Page<T> of(List<E> fetched, int limit, Function<E, T> toItem, Function<E, String> cursorOf) {
        boolean more = fetched.size() > limit;
        List<E> shown = more ? fetched.subList(0, limit) : fetched;
        return new Page<>(shown.stream().map(toItem).toList(), more ? cursorOf.apply(shown.get(limit - 1)) : null);
    }
}

package dev.forecourt.lead.domain;

import java.util.Collection;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Fair automatic assignment of new leads to a store's consultants. Stateless: the caller keeps
 * only the last consultant assigned, and the order is the sorted consultant ids, so the result
 * does not depend on the order a roster happens to be listed in.
 */
public final class RoundRobin {

    private RoundRobin() {
    }

    /**
     * The consultant after {@code lastAssigned} in sorted (natural, de-duplicated) order, wrapping
     * round to the first. The first consultant when {@code lastAssigned} is null or has left the
     * roster; empty when there is nobody to assign to. Null and blank ids are ignored.
     */
    public static Optional<String> next(Collection<String> consultants, String lastAssigned) {
        if (consultants == null) {
            return Optional.empty();
        }
        TreeSet<String> roster = new TreeSet<>();
        for (String c : consultants) {
            if (c != null && !c.isBlank()) {
                roster.add(c);
            }
        }
        if (roster.isEmpty()) {
            return Optional.empty();
        }
        if (lastAssigned == null || !roster.contains(lastAssigned)) {
            return Optional.of(roster.first());
        }
        String after = roster.higher(lastAssigned);
        return Optional.of(after != null ? after : roster.first());
    }
}

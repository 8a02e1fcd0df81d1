package dev.forecourt.customer.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Which values survive when two customer records turn out to be the same person
 * (identity resolution, DOMAIN.md §1). Every choice carries its reason, because a merge must be
 * explainable and can be undone by a manager.
 */
public final class Survivorship {

    private Survivorship() {
    }

    /** A field's value and when it last changed; {@code changedAt} may be null when unknown. */
    public record FieldValue(String value, Instant changedAt) {
    }

    public record Candidate(UUID id, Instant createdAt, Map<String, FieldValue> fields) {
        public Candidate {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(createdAt, "createdAt");
            fields = Map.copyOf(Objects.requireNonNull(fields, "fields"));
        }
    }

    /** @param winner the id of the candidate whose value was kept */
    public record FieldChoice(String field, UUID winner, String value, String reason) {
    }

    public record Decision(UUID survivor, UUID merged, List<FieldChoice> choices) {
        public Decision {
            choices = List.copyOf(choices);
        }
    }

    /** Earlier created first; equal creation times fall back to the UUID string so the order is total. */
    private static final Comparator<Candidate> SURVIVOR_FIRST = Comparator
            .comparing(Candidate::createdAt)
            .thenComparing(c -> c.id().toString());

    /**
     * The survivor is the earlier-created record: it keeps its id because other services already
     * reference it, and the older record is the one most references point to. For each field in
     * either candidate (in field-name order):
     * <ul>
     *   <li>only one has a non-blank value: that one ("only survivor had a value" /
     *       "only merged had a value");</li>
     *   <li>neither has one: the survivor's (absent or blank) value, "neither had a value";</li>
     *   <li>equal values: the survivor, "same value";</li>
     *   <li>otherwise the more recently changed value, "more recent: changed &lt;ISO instant&gt;";
     *       an unknown change time counts as older than any known one; equal (or both unknown)
     *       times keep the survivor's, "tie: survivor kept".</li>
     * </ul>
     *
     * @throws IllegalArgumentException when both candidates are the same record
     */
    public static Decision decide(Candidate a, Candidate b) {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        if (a.id().equals(b.id())) {
            throw new IllegalArgumentException("cannot merge record " + a.id() + " with itself");
        }
        Candidate survivor = SURVIVOR_FIRST.compare(a, b) <= 0 ? a : b;
        Candidate merged = survivor == a ? b : a;

        TreeSet<String> names = new TreeSet<>(survivor.fields().keySet());
        names.addAll(merged.fields().keySet());
        List<FieldChoice> choices = new ArrayList<>();
        for (String name : names) {
            choices.add(choose(name, survivor, merged));
        }
        return new Decision(survivor.id(), merged.id(), choices);
    }

    private static FieldChoice choose(String name, Candidate survivor, Candidate merged) {
        FieldValue s = survivor.fields().get(name);
        FieldValue m = merged.fields().get(name);
        boolean sHas = hasValue(s);
        boolean mHas = hasValue(m);
        if (!sHas && !mHas) {
            return new FieldChoice(name, survivor.id(), s == null ? null : s.value(), "neither had a value");
        }
        if (!mHas) {
            return new FieldChoice(name, survivor.id(), s.value(), "only survivor had a value");
        }
        if (!sHas) {
            return new FieldChoice(name, merged.id(), m.value(), "only merged had a value");
        }
        if (s.value().equals(m.value())) {
            return new FieldChoice(name, survivor.id(), s.value(), "same value");
        }
        int byTime = compareChangedAt(s.changedAt(), m.changedAt());
        if (byTime > 0) {
            return new FieldChoice(name, survivor.id(), s.value(), "more recent: changed " + s.changedAt());
        }
        if (byTime < 0) {
            return new FieldChoice(name, merged.id(), m.value(), "more recent: changed " + m.changedAt());
        }
        return new FieldChoice(name, survivor.id(), s.value(), "tie: survivor kept");
    }

    private static boolean hasValue(FieldValue v) {
        return v != null && v.value() != null && !v.value().isBlank();
    }

    /** Unknown (null) sorts before every known instant. */
    private static int compareChangedAt(Instant x, Instant y) {
        return Comparator.nullsFirst(Comparator.<Instant>naturalOrder()).compare(x, y);
    }
}

package dev.forecourt.customer.domain;

import dev.forecourt.customer.domain.Survivorship.Candidate;
import dev.forecourt.customer.domain.Survivorship.Decision;
import dev.forecourt.customer.domain.Survivorship.FieldChoice;
import dev.forecourt.customer.domain.Survivorship.FieldValue;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SurvivorshipTest {

    private static final UUID OLD_ID = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID NEW_ID = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final Instant T1 = Instant.parse("2023-01-01T00:00:00Z");
    private static final Instant T2 = Instant.parse("2024-05-06T07:08:09Z");
    private static final Instant T3 = Instant.parse("2025-02-03T04:05:06Z");

    private static FieldValue v(String value, Instant changedAt) {
        return new FieldValue(value, changedAt);
    }

    @Test
    void earlierCreatedRecordSurvivesWhicheverOrderTheyArePassedIn() {
        Candidate older = new Candidate(OLD_ID, T1, Map.of());
        Candidate newer = new Candidate(NEW_ID, T2, Map.of());
        assertEquals(new Decision(OLD_ID, NEW_ID, List.of()), Survivorship.decide(older, newer));
        assertEquals(new Decision(OLD_ID, NEW_ID, List.of()), Survivorship.decide(newer, older));
    }

    @Test
    void sameCreationTimeFallsBackToTheSmallerUuidString() {
        Candidate b = new Candidate(OLD_ID, T1, Map.of());
        Candidate a = new Candidate(NEW_ID, T1, Map.of());
        assertEquals(NEW_ID, Survivorship.decide(a, b).survivor());
        assertEquals(NEW_ID, Survivorship.decide(b, a).survivor());
        assertEquals(OLD_ID, Survivorship.decide(b, a).merged());
    }

    @Test
    void everyFieldOfEitherCandidateIsDecidedInNameOrder() {
        Map<String, FieldValue> olderFields = new HashMap<>();
        olderFields.put("name", v("Wang Li", T1));
        olderFields.put("mobile", v("+8613812345678", T1));
        olderFields.put("email", v("   ", T3));               // blank counts as no value
        olderFields.put("occupation", v("teacher", T3));
        olderFields.put("city", v("Shanghai", T2));
        olderFields.put("gender", v("F", T2));
        Map<String, FieldValue> newerFields = new HashMap<>();
        newerFields.put("name", v("Wang Li", T3));              // same value
        newerFields.put("mobile", v("+8613900000000", T2));     // more recent than the survivor's
        newerFields.put("email", v("wang.li@example.com", T1)); // only merged has one
        newerFields.put("occupation", v("engineer", T2));       // older than the survivor's
        newerFields.put("city", v("Suzhou", T2));               // same change time
        newerFields.put("interests", v("golf", T1));            // only in merged

        Decision d = Survivorship.decide(
                new Candidate(NEW_ID, T2, newerFields), new Candidate(OLD_ID, T1, olderFields));

        assertEquals(OLD_ID, d.survivor());
        assertEquals(NEW_ID, d.merged());
        assertEquals(List.of(
                new FieldChoice("city", OLD_ID, "Shanghai", "tie: survivor kept"),
                new FieldChoice("email", NEW_ID, "wang.li@example.com", "only merged had a value"),
                new FieldChoice("gender", OLD_ID, "F", "only survivor had a value"),
                new FieldChoice("interests", NEW_ID, "golf", "only merged had a value"),
                new FieldChoice("mobile", NEW_ID, "+8613900000000", "more recent: changed 2024-05-06T07:08:09Z"),
                new FieldChoice("name", OLD_ID, "Wang Li", "same value"),
                new FieldChoice("occupation", OLD_ID, "teacher", "more recent: changed 2025-02-03T04:05:06Z")
        ), d.choices());
    }

    @Test
    void unknownChangeTimeLosesToAKnownOneAndTwoUnknownsTie() {
        Candidate older = new Candidate(OLD_ID, T1, Map.of("a", v("x", null), "b", v("x", T1), "c", v("x", null)));
        Candidate newer = new Candidate(NEW_ID, T2, Map.of("a", v("y", T1), "b", v("y", null), "c", v("y", null)));
        assertEquals(List.of(
                new FieldChoice("a", NEW_ID, "y", "more recent: changed 2023-01-01T00:00:00Z"),
                new FieldChoice("b", OLD_ID, "x", "more recent: changed 2023-01-01T00:00:00Z"),
                new FieldChoice("c", OLD_ID, "x", "tie: survivor kept")
        ), Survivorship.decide(older, newer).choices());
    }

    @Test
    void neitherHavingAValueKeepsTheSurvivors() {
        Candidate older = new Candidate(OLD_ID, T1, Map.of("a", v("", T3), "b", v(null, T1)));
        Candidate newer = new Candidate(NEW_ID, T2, Map.of("a", v(" ", T1), "c", v("", T3)));
        assertEquals(List.of(
                new FieldChoice("a", OLD_ID, "", "neither had a value"),
                new FieldChoice("b", OLD_ID, null, "neither had a value"),
                new FieldChoice("c", OLD_ID, null, "neither had a value")
        ), Survivorship.decide(older, newer).choices());
    }

    @Test
    void differentValuesAreComparedExactly() {
        Candidate older = new Candidate(OLD_ID, T1, Map.of("name", v("wang li", T3)));
        Candidate newer = new Candidate(NEW_ID, T2, Map.of("name", v("Wang Li", T2)));
        assertEquals(List.of(new FieldChoice("name", OLD_ID, "wang li", "more recent: changed 2025-02-03T04:05:06Z")),
                Survivorship.decide(older, newer).choices());
    }

    @Test
    void cannotMergeARecordWithItself() {
        Candidate a = new Candidate(OLD_ID, T1, Map.of());
        Candidate sameId = new Candidate(OLD_ID, T2, Map.of());
        assertThrows(IllegalArgumentException.class, () -> Survivorship.decide(a, sameId));
    }

    @Test
    void candidatesAndDecisionsAreImmutable() {
        Map<String, FieldValue> fields = new HashMap<>(Map.of("a", v("x", T1)));
        Candidate c = new Candidate(OLD_ID, T1, fields);
        fields.clear();
        assertEquals(1, c.fields().size());
        Decision d = Survivorship.decide(c, new Candidate(NEW_ID, T2, Map.of()));
        assertThrows(UnsupportedOperationException.class, () -> d.choices().clear());
    }
}

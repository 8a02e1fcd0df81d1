package dev.forecourt.lead.domain;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RoundRobinTest {

    private static final List<String> ROSTER = List.of("zhao", "li", "wang");

    @Test
    void firstWhenNothingAssignedYet() {
        assertEquals(Optional.of("li"), RoundRobin.next(ROSTER, null));
    }

    @Test
    void nextInSortedOrderAndWraps() {
        assertEquals(Optional.of("wang"), RoundRobin.next(ROSTER, "li"));
        assertEquals(Optional.of("zhao"), RoundRobin.next(ROSTER, "wang"));
        assertEquals(Optional.of("li"), RoundRobin.next(ROSTER, "zhao"));
    }

    @Test
    void cyclesThroughEveryoneEvenly() {
        List<String> assigned = new ArrayList<>();
        String last = null;
        for (int i = 0; i < 9; i++) {
            last = RoundRobin.next(ROSTER, last).orElseThrow();
            assigned.add(last);
        }
        assertEquals(List.of("li", "wang", "zhao", "li", "wang", "zhao", "li", "wang", "zhao"), assigned);
    }

    @Test
    void rosterOrderAndDuplicatesDoNotMatter() {
        List<String> shuffled = Arrays.asList("wang", "zhao", "li", "wang", "li");
        assertEquals(Optional.of("li"), RoundRobin.next(shuffled, null));
        assertEquals(Optional.of("wang"), RoundRobin.next(shuffled, "li"));
        assertEquals(Optional.of("li"), RoundRobin.next(Set.of("zhao", "wang", "li"), "zhao"));
    }

    @Test
    void removedConsultantRestartsAtTheFirst() {
        assertEquals(Optional.of("li"), RoundRobin.next(List.of("li", "zhao"), "wang"));
        assertEquals(Optional.of("li"), RoundRobin.next(ROSTER, "sun"));
    }

    @Test
    void singleConsultantGetsEverything() {
        assertEquals(Optional.of("li"), RoundRobin.next(List.of("li"), "li"));
        assertEquals(Optional.of("li"), RoundRobin.next(List.of("li"), null));
    }

    @Test
    void emptyWhenNobodyToAssign() {
        assertEquals(Optional.empty(), RoundRobin.next(List.of(), null));
        assertEquals(Optional.empty(), RoundRobin.next(List.of(), "li"));
        assertEquals(Optional.empty(), RoundRobin.next(null, "li"));
        assertEquals(Optional.empty(), RoundRobin.next(Arrays.asList(null, " ", ""), null));
    }

    @Test
    void nullAndBlankIdsAreIgnored() {
        assertEquals(Optional.of("wang"), RoundRobin.next(Arrays.asList(null, "", "wang", "li"), "li"));
        assertEquals(Optional.of("li"), RoundRobin.next(Arrays.asList(null, "", "wang", "li"), "wang"));
    }

    @Test
    void naturalOrderIsCaseSensitive() {
        // String's natural order puts upper case first; ids are compared exactly as given.
        assertEquals(Optional.of("Zhao"), RoundRobin.next(List.of("li", "Zhao"), null));
        assertEquals(Optional.of("li"), RoundRobin.next(List.of("li", "Zhao"), "Zhao"));
    }
}

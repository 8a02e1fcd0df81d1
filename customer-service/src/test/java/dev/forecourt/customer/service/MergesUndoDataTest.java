package dev.forecourt.customer.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.customer.domain.LifecycleClass;
import dev.forecourt.customer.domain.LostStage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The undo data stored with each merge: merges recorded before points and consents moved still read. */
class MergesUndoDataTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void anOldRecordWithoutPointsOrConsentsReadsAsNothingMoved() throws Exception {
        UUID vehicle = UUID.randomUUID();
        Merges.UndoData old = json.readValue("{\"fields\":{\"occupation\":[null,\"teacher\"]},\"identifiers\":[],"
                + "\"vehicles\":[\"" + vehicle + "\"]}", new TypeReference<>() { });
        assertEquals(List.of(vehicle), old.vehicles());
        assertEquals("teacher", old.fields().get("occupation")[1]);
        assertTrue(old.pointsMovements().isEmpty());
        assertTrue(old.pointsCauses().isEmpty());
        assertEquals(0L, old.points());
        assertTrue(old.consentEntries().isEmpty());
        assertTrue(old.activities().isEmpty(), "merges recorded before spend moved moved none");
        assertTrue(old.referrals().isEmpty());
        assertTrue(old.referralsOf().isEmpty());
        assertNull(old.classAfter(), "nor changed the class");
        assertFalse(old.vipSet());
        assertNull(old.vipReasonBefore());
    }

    @Test
    void whatMovedSurvivesTheRoundTrip() throws Exception {
        Merges.UndoData data = new Merges.UndoData(Map.of(), List.of(), List.of(), List.of(7L, 9L),
                Map.of(9L, "expiry@2025-01-01T00:00:00Z"), 45L, List.of(3L), List.of(11L, 12L), List.of(5L), List.of(6L),
                new Classification.Target(LifecycleClass.POTENTIAL, null, null),
                new Classification.Target(LifecycleClass.LOST, null, LostStage.BASE_LOST), true, "revoked: moved away");
        Merges.UndoData read = json.readValue(json.writeValueAsString(data), new TypeReference<>() { });
        assertEquals(List.of(7L, 9L), read.pointsMovements());
        assertEquals("expiry@2025-01-01T00:00:00Z", read.pointsCauses().get(9L));
        assertEquals(45L, read.points());
        assertEquals(List.of(3L), read.consentEntries());
        assertEquals(List.of(11L, 12L), read.activities());
        assertEquals(List.of(5L), read.referrals());
        assertEquals(List.of(6L), read.referralsOf());
        assertEquals("revoked: moved away", read.vipReasonBefore());
        assertEquals(new Classification.Target(LifecycleClass.POTENTIAL, null, null), read.classBefore());
        assertEquals(new Classification.Target(LifecycleClass.LOST, null, LostStage.BASE_LOST), read.classAfter());
        assertTrue(read.vipSet());
        assertEquals(new Loyalty.Transfer(List.of(7L, 9L), Map.of(9L, "expiry@2025-01-01T00:00:00Z"), 45L),
                read.pointsTransfer());
    }
}

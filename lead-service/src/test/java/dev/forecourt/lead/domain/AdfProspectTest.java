package dev.forecourt.lead.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdfProspectTest {

    private static AdfProspect named(String first, String last, String full) {
        return new AdfProspect(1, null, null, null, null, null, null, null, null, null, first, last, full,
                "a@b.cn", null, null, null, null, null);
    }

    @Test
    void fullNameWins() {
        assertEquals("王小明", named("Xiaoming", "Wang", "王小明").name());
        assertEquals("John Smith", named(null, null, "  John Smith ").name());
    }

    @Test
    void westernPartsAreFirstSpaceLast() {
        assertEquals("John Smith", named("John", "Smith", null).name());
        assertEquals("John Smith", named(" John ", " Smith ", "  ").name());
    }

    @Test
    void chinesePartsAreFamilyNameFirstWithoutSpace() {
        assertEquals("王小明", named("小明", "王", null).name());
        assertEquals("欧阳娜娜", named("娜娜", "欧阳", null).name());
        assertEquals("阿依古丽·买买提", named("买买提", "阿依古丽·", null).name());
        assertEquals("김민준", named("민준", "김", null).name());
        assertEquals("山田太郎", named("太郎", "山田", null).name());
    }

    @Test
    void mixedScriptsKeepTheSpace() {
        assertEquals("Xiaoming 王", named("Xiaoming", "王", null).name());
        assertEquals("小明 Wang", named("小明", "Wang", null).name());
    }

    @Test
    void singlePart() {
        assertEquals("王", named(null, "王", null).name());
        assertEquals("小明", named("小明", null, null).name());
        assertEquals("Smith", named("", "Smith", null).name());
    }

    @Test
    void noNameIsEmpty() {
        assertEquals("", named(null, null, null).name());
        assertEquals("", named(" ", "", " ").name());
    }

    @Test
    void cjkDetection() {
        assertTrue(AdfProspect.isCjk("王"));
        assertTrue(AdfProspect.isCjk("欧阳"));
        assertFalse(AdfProspect.isCjk("Wang"));
        assertFalse(AdfProspect.isCjk("王 "));
        assertFalse(AdfProspect.isCjk(""));
    }
}

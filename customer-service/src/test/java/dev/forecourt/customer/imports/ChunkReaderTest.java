package dev.forecourt.customer.imports;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ChunkReaderTest {

    private static final String[] HEADER = {"name", " phone ", "vin", "phone"};

    @Test
    void aCsvRowIsReadByItsHeadersNamesStripped() {
        Map<String, String> row = new ChunkReader.Cells(ChunkReader.columns(HEADER), new String[]{"王伟", "x", "LSV", "13800138000"});
        assertEquals("王伟", row.get("name"));
        assertEquals("LSV", row.get("vin"));
        assertEquals("13800138000", row.get("phone"), "a column named twice reads its last cell");
        assertNull(row.get("email"), "a column the file does not have");
    }

    @Test
    void aShortRowHasNoValueForItsMissingCells() {
        Map<String, String> row = new ChunkReader.Cells(ChunkReader.columns(HEADER), new String[]{"王伟"});
        assertEquals("王伟", row.get("name"));
        assertNull(row.get("vin"));
        assertEquals(Map.of("name", "王伟"), Map.copyOf(row), "what a rejection report keeps of the row");
    }

    @Test
    void aRejectionReportListsTheCellsInTheFilesOrder() {
        Map<String, String> row = new ChunkReader.Cells(ChunkReader.columns(new String[]{"vin", "name", "phone"}),
                new String[]{"LSV", "王伟", "13800138000"});
        assertEquals(java.util.List.of("vin", "name", "phone"), java.util.List.copyOf(row.keySet()));
    }
}

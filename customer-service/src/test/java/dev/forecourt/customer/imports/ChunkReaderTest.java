package dev.forecourt.customer.imports;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forecourt.platform.pii.PiiCrypto;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * NDJSON is one value a line: a broken line is rejected with its line number and the next line is
     * read afresh, and a file ending in an unterminated value ends (it used to be rejected again and
     * again, for good).
     */
    @Test
    void aCsvValueLongerThanTheBoundIsRejectedInsteadOfFillingTheHeap(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, "name,phone\n王伟,13912345678\n" + "x".repeat(ChunkReader.MAX_LINE + 1) + ",13912345679\n",
                StandardCharsets.UTF_8);
        try (ChunkReader reader = new ChunkReader(file, ImportJobs.Format.CSV, new ObjectMapper(), crypto(), new Phases())) {
            List<ImportItem> items = reader.next(100).items();
            assertEquals(2, items.size());
            assertTrue(items.get(0).accepted());
            assertEquals("unreadable CSV at line 3: a value longer than 65,536 characters", items.get(1).rejection);
        }
    }

    private static PiiCrypto crypto() {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 7);
        return new PiiCrypto(Map.of("k1", key), "k1", key);
    }

    @Test
    void aBrokenNdjsonLineIsRejectedAloneAndTheFileStillEnds(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rows.ndjson");
        Files.writeString(file, """
                {"name":"王伟","phone":"13912345678"}
                {"name":"李娜","phone":
                
                {"name":"赵六","phone":"13912345679"}
                ["an","array"]
                %s
                {bad""".formatted("{\"name\":\"" + "x".repeat(ChunkReader.MAX_LINE) + "\"}"), StandardCharsets.UTF_8);
        try (ChunkReader reader = new ChunkReader(file, ImportJobs.Format.NDJSON, new ObjectMapper(), crypto(), new Phases())) {
            ChunkReader.Chunk chunk = reader.next(100);
            List<ImportItem> items = chunk.items();
            assertEquals(List.of(1L, 2L, 4L, 5L, 6L, 7L), items.stream().map(i -> i.line).toList(), "the blank line 3 is no row");
            assertTrue(items.get(0).accepted());
            assertTrue(items.get(1).rejection.startsWith("unreadable NDJSON at line 2: "), items.get(1).rejection);
            assertTrue(items.get(2).accepted());
            assertEquals("赵六", items.get(2).row.name());
            assertEquals("unreadable NDJSON at line 5: each line must be one JSON object whose values are text, numbers"
                    + " or null", items.get(3).rejection, "in the file's terms, not Java's");
            assertEquals("unreadable NDJSON at line 6: longer than 65,536 characters", items.get(4).rejection);
            assertTrue(items.get(5).rejection.startsWith("unreadable NDJSON at line 7: Unexpected character"),
                    items.get(5).rejection);
            // The report shows an unreadable line as it was, except one too long to hold.
            assertEquals("{\"name\":\"李娜\",\"phone\":", items.get(1).unreadableText());
            assertEquals("[\"an\",\"array\"]", items.get(3).unreadableText());
            assertNull(items.get(4).unreadableText());
            assertEquals("{bad", items.get(5).unreadableText());
            assertNull(items.get(0).unreadableText(), "a readable row is reported by its fields");
            assertEquals(Files.size(file), chunk.bytesRead());
            assertNull(reader.next(100), "the file is done");
        }
    }
}

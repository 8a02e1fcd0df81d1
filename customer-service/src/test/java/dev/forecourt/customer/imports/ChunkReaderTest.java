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
            assertEquals("unreadable CSV at line 3: a value longer than 65,536 characters; reading went on at the next line",
                    items.get(1).rejection);
            assertNull(items.get(1).unreadableText(), "a line too long to hold is not held for the report");
        }
    }

    /**
     * A stray quote or an over-long value costs its own row, not the rest of the file: reading goes on
     * at the next line, with the same header, and the report shows the line as it was sent. Windows line
     * ends and a byte-order mark included.
     */
    @Test
    void aBrokenCsvRecordIsRejectedAloneAndReadingGoesOnAtTheNextLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rows.csv");
        String lines = String.join("\r\n",
                "name,phone",
                "王伟,13912345678",
                "\"李娜,13912345670",                                   // line 3: a quote never closed
                "赵六,13912345679",
                "x".repeat(ChunkReader.MAX_LINE + 1) + ",13912345671",   // line 5: over the bound
                "钱七,13912345672",
                "孙八,\"13912345673\"") + "\r\n";
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = lines.getBytes(StandardCharsets.UTF_8);
        byte[] content = Arrays.copyOf(bom, bom.length + body.length);
        System.arraycopy(body, 0, content, bom.length, body.length);
        Files.write(file, content);
        try (ChunkReader reader = new ChunkReader(file, ImportJobs.Format.CSV, new ObjectMapper(), crypto(), new Phases())) {
            ChunkReader.Chunk chunk = reader.next(100);
            List<ImportItem> items = chunk.items();
            assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L), items.stream().map(i -> i.line).toList());
            assertEquals(List.of("王伟", "赵六", "钱七", "孙八"), items.stream().filter(ImportItem::accepted)
                    .map(i -> i.row.name()).toList());
            assertTrue(items.get(1).rejection.startsWith("unreadable CSV at line 3: "), items.get(1).rejection);
            assertTrue(items.get(1).rejection.endsWith("; reading went on at the next line"), items.get(1).rejection);
            assertEquals("\"李娜,13912345670", items.get(1).unreadableText());
            assertEquals("unreadable CSV at line 5: a value longer than 65,536 characters; reading went on at the next line",
                    items.get(3).rejection);
            assertNull(items.get(3).unreadableText());
            assertEquals("+8613912345673", items.get(5).row.phone(), "a quoted value is read as usual after a resumption");
            assertEquals(Files.size(file), chunk.bytesRead());
            assertNull(reader.next(100), "the file is done");
        }
    }

    /**
     * Old Mac line ends (CR alone) are line ends for the resumption too, and bytes that are not UTF-8
     * are a rejection after a resumption as before it, never a name with U+FFFD in it.
     */
    @Test
    void aResumptionKeepsCrLineEndsAndStrictUtf8(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rows.csv");
        java.io.ByteArrayOutputStream csv = new java.io.ByteArrayOutputStream();
        csv.writeBytes("name,phone\r王伟,13912345678\r\"李娜,13912345670\r赵六,13912345679\r".getBytes(StandardCharsets.UTF_8));
        csv.writeBytes(new byte[]{(byte) 0xCD, (byte) 0xF5}); // 王 in GBK: not UTF-8
        csv.writeBytes("五,13912345671\r钱七,13912345672\r".getBytes(StandardCharsets.UTF_8));
        Files.write(file, csv.toByteArray());
        try (ChunkReader reader = new ChunkReader(file, ImportJobs.Format.CSV, new ObjectMapper(), crypto(), new Phases())) {
            List<ImportItem> items = new java.util.ArrayList<>();
            for (ChunkReader.Chunk chunk; (chunk = reader.next(100)) != null; ) {
                items.addAll(chunk.items());
            }
            // Every line is accounted for, imported or rejected with its reason; the reading goes on past both
            // breaks. (The parser reads ahead: the row just before the GBK line, 赵六, is rejected with it.)
            assertEquals(List.of(2L, 3L, 4L, 5L, 6L), items.stream().map(i -> i.line).toList());
            List<String> accepted = items.stream().filter(ImportItem::accepted).map(i -> i.row.name()).toList();
            assertTrue(accepted.contains("王伟") && accepted.contains("钱七"), "read on: " + accepted);
            assertTrue(accepted.stream().noneMatch(n -> n.contains("\uFFFD")), "no replacement characters: " + accepted);
            assertTrue(items.get(3).rejection.startsWith("unreadable CSV at line 5: bytes that are not UTF-8"),
                    items.get(3).rejection);
        }
    }

    /** Chunk by chunk, progress counts the file's bytes (the CSV parser's own location counts characters). */
    @Test
    void csvProgressCountsBytesAsTheFileIsRead(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rows.csv");
        StringBuilder csv = new StringBuilder("name,phone\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("王伟").append(i).append(",139").append(String.format("%08d", i)).append('\n');
        }
        Files.writeString(file, csv, StandardCharsets.UTF_8);
        try (ChunkReader reader = new ChunkReader(file, ImportJobs.Format.CSV, new ObjectMapper(), crypto(), new Phases())) {
            long first = reader.next(10_000).bytesRead();
            assertTrue(first > Files.size(file) * 4 / 10 && first < Files.size(file), "after half the rows: " + first);
            assertEquals(Files.size(file), reader.next(10_000).bytesRead());
        }
    }

    @Test
    void aCsvWhoseHeaderCannotBeReadEndsAtOnce(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("rows.csv");
        Files.writeString(file, "\"name,phone\n王伟,13912345678\n", StandardCharsets.UTF_8);
        try (ChunkReader reader = new ChunkReader(file, ImportJobs.Format.CSV, new ObjectMapper(), crypto(), new Phases())) {
            List<ImportItem> items = reader.next(100).items();
            assertEquals(1, items.size());
            assertTrue(items.get(0).rejection.startsWith("unreadable CSV header at line 1: "), items.get(0).rejection);
            assertNull(reader.next(100));
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

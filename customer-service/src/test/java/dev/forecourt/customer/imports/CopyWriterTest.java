package dev.forecourt.customer.imports;

import dev.forecourt.platform.testing.RealServices;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Binary COPY input, read by the real PostgreSQL: every value comes back as written, or the row is refused. */
@QuarkusTest
@QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "customer"))
class CopyWriterTest {

    @Inject
    AgroalDataSource dataSource;

    private static final String TABLE = "copy_probe (id, name, note, payload, day, km, line)";

    private static void createProbe(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pg_temp.copy_probe");
            s.execute("CREATE TEMP TABLE copy_probe (id UUID, name VARCHAR(64), note TEXT, payload BYTEA, day DATE,"
                    + " km INTEGER, line BIGINT)");
        }
    }

    @Test
    void everyTypeComesBackAsWrittenIncludingNullsAndMultibyteText() throws SQLException {
        UUID id = UUID.randomUUID();
        String text = "北京市 朝阳区 é 😀 tab\there\nnewline \\ backslash";
        byte[] payload = {0x00, (byte) 0xAB, 0x7F, (byte) 0xFF};
        CopyWriter w = new CopyWriter(TABLE, 8);
        w.uuid(id).text(text).text(Kind.COMPANY).bytea(payload).date(LocalDate.of(1999, 12, 31)).int4(120_000).int8(5_000_000_001L);
        w.endRow();
        w.uuid(null).text(null).text(null).bytea(null).date(null).int4(null).int8(2);
        w.endRow();
        assertEquals(2, w.rows());
        assertEquals("copy_probe", w.table());

        try (Connection c = dataSource.getConnection()) {
            createProbe(c);
            w.copyTo(c.unwrap(PGConnection.class));
            try (Statement s = c.createStatement();
                 ResultSet r = s.executeQuery("SELECT id, name, note, payload, day, km, line FROM copy_probe ORDER BY line DESC")) {
                assertTrue(r.next());
                assertEquals(id, r.getObject(1));
                assertEquals(text, r.getString(2));
                assertEquals("COMPANY", r.getString(3));
                assertArrayEquals(payload, r.getBytes(4));
                assertEquals(LocalDate.of(1999, 12, 31), r.getObject(5, LocalDate.class));
                assertEquals(120_000, r.getInt(6));
                assertEquals(5_000_000_001L, r.getLong(7));
                assertTrue(r.next());
                for (int col = 1; col <= 6; col++) {
                    assertNull(r.getObject(col), "column " + col);
                }
                assertFalse(r.next());
            }
        }
    }

    @Test
    void aLoneSurrogateIsRefusedByTheDatabaseNotSilentlyReplaced() throws SQLException {
        CopyWriter w = new CopyWriter(TABLE, 8);
        w.uuid(UUID.randomUUID()).text("broken \uD800 text").text(null).bytea(null).date(null).int4(null).int8(1);
        w.endRow();
        try (Connection c = dataSource.getConnection()) {
            createProbe(c);
            SQLException refused = assertThrows(SQLException.class, () -> w.copyTo(c.unwrap(PGConnection.class)));
            assertTrue(refused.getMessage().contains("UTF8"), refused.getMessage());
        }
    }

    @Test
    void aRowLeftUnfinishedIsNotSent() {
        CopyWriter w = new CopyWriter(TABLE, 8);
        w.uuid(UUID.randomUUID());
        assertThrows(IllegalStateException.class, w::content);
    }

    private enum Kind { COMPANY }
}

package dev.forecourt.platform.pii;

import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.util.logging.Level;
import java.util.logging.LogRecord;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PiiLogFilterTest {

    @Test
    void masksPhoneIdNumberAndEmailButNotLongerDigitRuns() {
        String line = "Customer 13812345678 (ID 110101199001011234, mail zhang.san@example.com) "
                + "placed order 12345678901234567890";
        assertEquals("Customer 138****5678 (ID 110***********1234, mail z***@example.com) "
                + "placed order 12345678901234567890", PiiLogFilter.maskText(line));
    }

    @Test
    void masksPrefixedPhonesAndIdNumbersEndingInX() {
        assertEquals("call 138****5678 or 139****0000", PiiLogFilter.maskText("call +8613812345678 or +86 13900000000"));
        assertEquals("id=110***********123X;", PiiLogFilter.maskText("id=11010119900101123X;"));
        assertEquals("phone=138****5678&x=1", PiiLogFilter.maskText("phone=13812345678&x=1"));
    }

    @Test
    void leavesOtherNumbersAlone() {
        for (String text : new String[] {
                "order 1381234567890 shipped",         // 13 digits starting with 1
                "ts=1700000000000",                     // epoch millis, 13 digits
                "took 12345 ms, 23812345678 bytes",     // 11 digits not starting with 1
                "1101011990010112345",                  // 19 digits
                "VIN LSVAU2180N2183294",                // letters and digits
                "user@localhost",                       // no dot in the domain
        }) {
            assertEquals(text, PiiLogFilter.maskText(text), text);
        }
    }

    @Test
    void anEmailWhoseLocalPartIsAPhoneNumberIsMaskedAsAnEmail() {
        assertEquals("mail 1***@qq.com", PiiLogFilter.maskText("mail 13812345678@qq.com"));
    }

    @Test
    void anEmailAtTheEndOfASentenceKeepsTheFullStop() {
        assertEquals("Write to z***@example.com.cn.", PiiLogFilter.maskText("Write to zhang.san@example.com.cn."));
        assertEquals("at 138****5678@home", PiiLogFilter.maskText("at 13812345678@home"));
    }

    @Test
    void copesWithHugeLinesInLinearTime() {
        String huge = "x@" + "b.".repeat(50_000) + "1".repeat(100_000) + " 13812345678";
        long start = System.nanoTime();
        String masked = PiiLogFilter.maskText(huge);
        assertTrue(masked.endsWith(" 138****5678"));
        assertTrue(System.nanoTime() - start < 2_000_000_000L, "took too long");
    }

    @Test
    void textWithoutDigitsOrAtIsReturnedUnchanged() {
        String text = "nothing personal here";
        assertSame(text, PiiLogFilter.maskText(text));
        assertNull(PiiLogFilter.maskText(null));
    }

    @Test
    void rewritesAPlainLogRecordWithParameters() {
        LogRecord record = new LogRecord(Level.INFO, "Calling customer {0} about {1}");
        record.setParameters(new Object[] {"13812345678", "order 12345678901234567890"});

        assertTrue(new PiiLogFilter().isLoggable(record));

        assertEquals("Calling customer 138****5678 about order 12345678901234567890", record.getMessage());
        assertNull(record.getParameters());
    }

    @Test
    void rewritesAJBossLogManagerRecordWithoutFormattingItAgain() {
        ExtLogRecord record = new ExtLogRecord(Level.INFO, "Customer %s wrote from %s (100%% sure)",
                ExtLogRecord.FormatStyle.PRINTF, PiiLogFilterTest.class.getName());
        record.setParameters(new Object[] {"110101199001011234", "zhang.san@example.com"});

        assertTrue(new PiiLogFilter().isLoggable(record));

        assertEquals("Customer 110***********1234 wrote from z***@example.com (100% sure)", record.getMessage());
        assertEquals(ExtLogRecord.FormatStyle.NO_FORMAT, record.getFormatStyle());
        assertNull(record.getParameters());
        // what a JBoss LogManager formatter (Quarkus' %s) prints from the rewritten record
        ExtFormatter formatter = new ExtFormatter() {
            @Override
            public String format(ExtLogRecord r) {
                return formatMessage(r);
            }
        };
        assertEquals("Customer 110***********1234 wrote from z***@example.com (100% sure)", formatter.format(record));
    }

    @Test
    void leavesARecordWithoutPersonalDataAsItWas() {
        LogRecord record = new LogRecord(Level.INFO, "Imported {0} customers");
        Object[] parameters = {42};
        record.setParameters(parameters);

        assertTrue(new PiiLogFilter().isLoggable(record));

        assertEquals("Imported {0} customers", record.getMessage());
        assertSame(parameters, record.getParameters());
    }
}

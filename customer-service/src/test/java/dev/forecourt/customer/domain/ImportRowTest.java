package dev.forecourt.customer.domain;

import dev.forecourt.platform.vehicle.Vin;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertNull;

/** An import row is checked by the API's rules before anything is written; each rejection names its column. */
class ImportRowTest {

    private static Map<String, String> row(String... pairs) {
        Map<String, String> f = new HashMap<>();
        f.put("name", "李娜");
        f.put("phone", "13912345678");
        for (int i = 0; i < pairs.length; i += 2) {
            f.put(pairs[i], pairs[i + 1]);
        }
        return f;
    }

    private static String rejection(Map<String, String> f) {
        return ImportRow.parse(2, f).rejection();
    }

    @Test
    void aValidRowIsNormalised() {
        StringBuilder vin = new StringBuilder("LSVAU2180N2183294");
        vin.setCharAt(8, Vin.checkDigit(vin.toString()));
        ImportRow.Parsed p = ImportRow.parse(2, row("kind", "company", "gender", "female", "birthDate", "1990-02-03",
                "vin", vin.toString().toLowerCase(), "province", " 上海 "));
        assertNull(p.rejection());
        assertEquals("+8613912345678", p.row().phone());
        assertEquals(Customer.Kind.COMPANY, p.row().kind());
        assertEquals(Customer.Gender.FEMALE, p.row().gender());
        assertEquals(vin.toString(), p.row().vin());
        assertEquals("上海", p.row().province());
    }

    @Test
    void aCarSoldByUsIsSaidWithTrueAndNeedsItsVin() {
        StringBuilder vin = new StringBuilder("LSVAU2180N2183294");
        vin.setCharAt(8, Vin.checkDigit(vin.toString()));
        assertTrue(ImportRow.parse(2, row("vin", vin.toString(), "soldByUs", "TRUE")).row().soldByUs());
        assertFalse(ImportRow.parse(2, row("vin", vin.toString(), "soldByUs", "false")).row().soldByUs());
        assertFalse(ImportRow.parse(2, row("vin", vin.toString())).row().soldByUs(), "absent: not sold by us");
        assertEquals("soldByUs: must be true or false", rejection(row("vin", vin.toString(), "soldByUs", "yes")));
        assertEquals("soldByUs: a car sold by us needs its vin", rejection(row("soldByUs", "true")));
    }

    @Test
    void eachRuleRejectsWithItsColumn() {
        assertEquals("name: is required", rejection(row("name", " ")));
        assertEquals("phone: a phone or an ID number is required to recognise the customer", rejection(row("phone", "")));
        assertEquals("gender: must be one of [MALE, FEMALE, OTHER]", rejection(row("gender", "x")));
        assertEquals("birthDate: must be a date such as 2024-05-31", rejection(row("birthDate", "3.2.1990")));
        assertEquals("province: at most 64 characters", rejection(row("province", "x".repeat(65))));
        assertEquals("sourceChannel: must be an upper-case code such as SHOWROOM", rejection(row("sourceChannel", "walk in")));
    }

    @Test
    void aBirthDateMustBeInThePastAsInTheApi() {
        assertEquals("birthDate: must be in the past", rejection(row("birthDate", LocalDate.now().toString())));
        assertEquals("birthDate: must be in the past", rejection(row("birthDate", "+10000-01-01")));
        assertNull(rejection(row("birthDate", LocalDate.now().minusDays(1).toString())));
    }

    @Test
    void datesReadAsIsoDatesAndImpossibleOnesAreRefused() {
        for (String d : new String[]{"1990-02-03", "2024-02-29", "0001-01-01", "1999-12-31"}) {
            assertEquals(LocalDate.parse(d), ImportRow.isoDate(d), d);
        }
        for (String d : new String[]{"2023-02-29", "2024-13-01", "2024-00-10", "2024-04-31", "2024-4-01", "2024/04/01",
                "２０２４-04-01", "2024-04-0x"}) {
            assertEquals("birthDate: must be a date such as 2024-05-31", rejection(row("birthDate", d)), d);
        }
    }
}

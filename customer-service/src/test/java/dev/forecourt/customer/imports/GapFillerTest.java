package dev.forecourt.customer.imports;

import dev.forecourt.customer.domain.Customer;
import dev.forecourt.customer.domain.ImportRow;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/** Which of a customer's import rows fill which of its empty fields: plain rules, no database. */
class GapFillerTest {

    private static ImportRow row(long line, Customer.Gender gender, String birth, String province, String city,
                                 String district, String source) {
        return new ImportRow(line, Customer.Kind.INDIVIDUAL, "李娜", "13912345678", null, null, gender,
                birth == null ? null : LocalDate.parse(birth), province, city, district, source, null, null, null, null,
                null, null, false);
    }

    private static final GapFiller.Fillable EMPTY = new GapFiller.Fillable(null, null, null, null, null, null);

    @Test
    void eachEmptyFieldIsFilledFromTheFirstRowThatHasIt() {
        Map<String, String> filled = GapFiller.fill(EMPTY, List.of(
                row(2, null, null, null, null, null, "WALK_IN"),
                row(3, Customer.Gender.FEMALE, null, null, null, null, "REFERRAL"),
                row(4, Customer.Gender.MALE, "1990-02-03", null, null, null, null)));
        assertEquals(Map.of("gender", "FEMALE", "birthDate", "1990-02-03", "sourceChannel", "WALK_IN"), filled);
    }

    @Test
    void theRecordsOwnValuesAreNeverReplaced() {
        GapFiller.Fillable record = new GapFiller.Fillable("MALE", LocalDate.of(1980, 1, 1), null, null, null, "EVENT");
        Map<String, String> filled = GapFiller.fill(record, List.of(
                row(2, Customer.Gender.FEMALE, "1990-02-03", null, null, null, "WALK_IN")));
        assertEquals(Map.of(), filled);
    }

    @Test
    void theAddressComesWholeFromOneRowAndOnlyIntoARecordWithoutOne() {
        Map<String, String> filled = GapFiller.fill(EMPTY, List.of(
                row(2, null, null, null, null, null, null),
                row(3, null, null, null, "杭州市", null, null),      // the first row with an address: its whole unit
                row(4, null, null, "浙江省", "宁波市", "海曙区", null))); // not mixed in
        assertEquals(Map.of("city", "杭州市"), filled);

        GapFiller.Fillable withCity = new GapFiller.Fillable(null, null, null, "北京市", null, null);
        assertEquals(Map.of(), GapFiller.fill(withCity, List.of(row(2, null, null, "浙江省", null, "海曙区", null))));
    }

    @Test
    void aNewCustomersLaterRowsFillWhatItsFirstRowLeftEmpty() {
        ImportRow first = row(2, null, null, null, null, null, "WALK_IN");
        ImportRow merged = GapFiller.merged(List.of(first,
                row(3, Customer.Gender.FEMALE, "1990-02-03", "浙江省", "杭州市", "西湖区", "REFERRAL")));
        assertEquals(2, merged.line());
        assertEquals(Customer.Gender.FEMALE, merged.gender());
        assertEquals(LocalDate.of(1990, 2, 3), merged.birthDate());
        assertEquals("杭州市", merged.city());
        assertEquals("WALK_IN", merged.sourceChannel(), "the first row's own value stays");
        assertSame(first, GapFiller.merged(List.of(first)));
    }
}

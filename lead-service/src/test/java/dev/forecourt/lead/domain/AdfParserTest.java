package dev.forecourt.lead.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdfParserTest {

    private static final String CONTACT = """
            <customer><contact>
              <name part="first">小明</name><name part="last">王</name>
              <phone type="cellphone">13800138000</phone>
            </contact></customer>""";

    /** A complete document from a portal, the way most senders write it. */
    private static final String FULL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <?adf version="1.0"?>
            <adf>
              <prospect>
                <requestdate>2026-11-23T10:15:00+08:00</requestdate>
                <vehicle interest="buy" status="new">
                  <year>2026</year>
                  <make>Volkswagen</make>
                  <model>ID.4 CROZZ</model>
                  <vin>LFV3B2FY8R1234567</vin>
                  <trim>Pro</trim>
                  <colour>极地白</colour>
                  <price type="quote" currency="CNY">189900.00</price>
                </vehicle>
                <customer>
                  <contact>
                    <name part="first">小明</name>
                    <name part="last">王</name>
                    <email>wang.xiaoming@example.com.cn</email>
                    <phone type="voice">021-12345678</phone>
                  </contact>
                  <timeframe>
                    <description>一个月内</description>
                    <earliestdate>2026-12-01</earliestdate>
                    <latestdate>2026-12-31</latestdate>
                  </timeframe>
                  <comments>想周末试驾</comments>
                </customer>
                <vendor>
                  <vendorname>上海浦东大众4S店</vendorname>
                  <contact><name part="full">李经理</name></contact>
                </vendor>
                <provider>
                  <name part="full">汽车之家</name>
                  <service>Leads</service>
                </provider>
              </prospect>
            </adf>
            """;

    private static String doc(String... prospects) {
        return "<?adf version=\"1.0\"?>\n<adf>\n" + String.join("\n", prospects) + "\n</adf>\n";
    }

    private static String prospect(String inner) {
        return "<prospect>" + inner + "</prospect>";
    }

    private static AdfProspect single(String xml) {
        AdfBatch batch = AdfParser.parse(xml);
        assertEquals(List.of(), batch.rejected());
        assertEquals(1, batch.prospects().size());
        return batch.prospects().get(0);
    }

    private static String rejection(String xml) {
        AdfBatch batch = AdfParser.parse(xml);
        assertEquals(List.of(), batch.prospects());
        assertEquals(1, batch.rejected().size());
        return batch.rejected().get(0).reason();
    }

    private static String refused(String xml) {
        return assertThrows(AdfException.class, () -> AdfParser.parse(xml)).getMessage();
    }

    @Test
    void readsACompleteProspect() {
        AdfProspect p = single(FULL);
        assertEquals(1, p.index());
        assertEquals(OffsetDateTime.of(2026, 11, 23, 10, 15, 0, 0, ZoneOffset.ofHours(8)), p.requestDate());
        assertEquals("buy", p.interest());
        assertEquals(2026, p.year());
        assertEquals("Volkswagen", p.make());
        assertEquals("ID.4 CROZZ", p.model());
        assertEquals("LFV3B2FY8R1234567", p.vin());
        assertEquals("Pro", p.trim());
        assertEquals("极地白", p.colour());
        assertEquals(new BigDecimal("189900.00"), p.price());
        assertEquals("小明", p.firstName());
        assertEquals("王", p.lastName());
        assertNull(p.fullName());
        assertEquals("王小明", p.name());
        assertEquals("wang.xiaoming@example.com.cn", p.email());
        assertEquals("021-12345678", p.phone());
        assertEquals("一个月内; earliest 2026-12-01; latest 2026-12-31", p.timeframe());
        assertEquals("想周末试驾", p.comments());
        assertEquals("上海浦东大众4S店", p.vendor());
        assertEquals("汽车之家", p.provider());
    }

    @Test
    void minimalProspectHasNullsForWhatIsMissing() {
        AdfProspect p = single(doc(prospect(CONTACT)));
        assertEquals("王小明", p.name());
        assertEquals("13800138000", p.phone());
        assertNull(p.requestDate());
        assertNull(p.interest());
        assertNull(p.year());
        assertNull(p.make());
        assertNull(p.price());
        assertNull(p.email());
        assertNull(p.timeframe());
        assertNull(p.comments());
        assertNull(p.vendor());
        assertNull(p.provider());
    }

    @Test
    void batchKeepsGoodProspectsAndReportsTheBadOne() {
        String noReach = """
                <prospect><customer><contact><name part="full">张伟</name></contact></customer></prospect>""";
        String western = """
                <prospect><customer><contact>
                  <name part="first">John</name><name part="last">Smith</name><email>john@example.com</email>
                </contact></customer></prospect>""";
        AdfBatch batch = AdfParser.parse(doc(prospect(CONTACT), noReach, western));

        assertEquals(2, batch.prospects().size());
        assertEquals(1, batch.prospects().get(0).index());
        assertEquals("王小明", batch.prospects().get(0).name());
        assertEquals(3, batch.prospects().get(1).index());
        assertEquals("John Smith", batch.prospects().get(1).name());
        assertEquals(List.of(new AdfRejection(2, "prospect 2: customer.contact.phone or email is required")),
                batch.rejected());
    }

    @Test
    void batchListsAreUnmodifiable() {
        AdfBatch batch = AdfParser.parse(doc(prospect(CONTACT)));
        assertThrows(UnsupportedOperationException.class, () -> batch.prospects().clear());
        assertThrows(UnsupportedOperationException.class, () -> batch.rejected().clear());
    }

    // --- documents refused whole ---

    @Test
    void emptyDocument() {
        assertEquals("the document is empty", refused(null));
        assertEquals("the document is empty", refused(""));
        assertEquals("the document is empty", refused("  \n "));
    }

    @Test
    void malformedXml() {
        String message = refused("<?adf version=\"1.0\"?>\n<adf>\n<prospect>\n</adf>");
        assertTrue(message.startsWith("malformed XML at line 4"), message);
        assertTrue(refused("not xml at all").startsWith("malformed XML"));
        assertTrue(refused("<adf><prospect></prospect>").startsWith("malformed XML"));
        assertTrue(refused("<adf/><adf/>").startsWith("malformed XML"));
    }

    @Test
    void wrongRoot() {
        assertEquals("the root element must be <adf>, not <lead>",
                refused("<?adf version=\"1.0\"?><lead><prospect/></lead>"));
        assertEquals("the root element must be <adf>, not <prospect>", refused(prospect(CONTACT)));
    }

    @Test
    void noProspect() {
        assertEquals("the document has no <prospect>", refused("<?adf version=\"1.0\"?><adf/>"));
        assertEquals("the document has no <prospect>", refused(doc("<vendor><vendorname>x</vendorname></vendor>")));
        // Only direct children of <adf> count.
        assertEquals("the document has no <prospect>", refused(doc("<wrapper>" + prospect(CONTACT) + "</wrapper>")));
    }

    @Test
    void atMost1000Prospects() {
        String one = prospect(CONTACT);
        AdfBatch full = AdfParser.parse(doc(one.repeat(AdfParser.MAX_PROSPECTS)));
        assertEquals(1000, full.prospects().size());
        assertEquals(1000, full.prospects().get(999).index());
        assertEquals("at most 1000 prospects per document", refused(doc(one.repeat(AdfParser.MAX_PROSPECTS + 1))));
    }

    // --- XXE and DOCTYPE ---

    @Test
    void doctypeWithExternalEntityIsRefusedWithoutReadingTheFile(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        String xxe = "<?xml version=\"1.0\"?>\n<!DOCTYPE adf [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<adf><prospect><customer><contact><name part=\"full\">&xxe;</name>"
                + "<phone>13800138000</phone></contact></customer></prospect></adf>";
        AdfException e = assertThrows(AdfException.class, () -> AdfParser.parse(xxe));
        assertEquals("a DOCTYPE is not allowed in an ADF document", e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<!DOCTYPE adf SYSTEM \"http://127.0.0.1:9/adf.dtd\"><adf><prospect/></adf>",
            "<?adf version=\"1.0\"?><!DOCTYPE adf [<!ENTITY % p SYSTEM \"http://127.0.0.1:9/p\"> %p;]><adf/>",
            "<?xml version=\"1.0\"?><!-- lead --><!doctype adf><adf/>",
            "\n  <!DOCTYPE adf [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                    + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><adf>&c;</adf>"})
    void anyDoctypeIsRefused(String xml) {
        assertEquals("a DOCTYPE is not allowed in an ADF document", refused(xml));
    }

    @Test
    void theParserItselfRefusesDoctypesAndNeverReadsEntities(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET-42");
        String xxe = "<!DOCTYPE adf [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]><adf>&xxe;</adf>";
        SAXException e = assertThrows(SAXException.class,
                () -> AdfParser.newBuilder().parse(new InputSource(new StringReader(xxe))));
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertFalse(e.getMessage().contains("TOP-SECRET"));
    }

    @Test
    void undeclaredEntityIsMalformed() {
        String message = refused(doc(prospect("<comments>&xxe;</comments>" + CONTACT)));
        assertTrue(message.startsWith("malformed XML"), message);
    }

    @Test
    void predefinedEntitiesAndCdataAreRead() {
        AdfProspect p = single(doc(prospect(CONTACT + "<comments>A &amp; B <![CDATA[<urgent>]]></comments>")));
        assertEquals("A & B <urgent>", p.comments());
    }

    // --- prolog variants ---

    @ParameterizedTest
    @ValueSource(strings = {
            "<?adf version=\"1.0\"?><adf>",
            "<?adf version=\"1.0\"?>\n<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<adf>",
            "<?ADF VERSION \"1.0\"?>\n<?XML VERSION \"1.0\"?>\n<adf>",
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?><?adf version=\"1.0\"?><adf>",
            "<?xml version=\"1.0\" encoding=\"GB2312\"?>\n<adf>",
            "\uFEFF<?xml version=\"1.0\"?><?adf version=\"1.0\"?><adf>",
            "\n\n  <?xml version=\"1.0\"?>\n<adf>",
            "<!-- from autohome --><?adf version=\"1.0\"?><adf>",
            "<adf>",
            "<ADF xmlns=\"urn:example:adf\">"})
    void acceptsTheWaysSendersStartADocument(String start) {
        String end = start.contains("<ADF") ? "</ADF>" : "</adf>";
        AdfProspect p = single(start + prospect(CONTACT) + end);
        assertEquals("王小明", p.name());
    }

    @Test
    void blankedDeclarationKeepsLineNumbers() {
        String message = refused("<?adf version=\"1.0\"?>\n<?xml version=\"1.0\"?>\n<adf>\n<prospect>\n</adf>");
        assertTrue(message.startsWith("malformed XML at line 5"), message);
    }

    @Test
    void xmlDeclarationInsideTheDocumentIsStillMalformed() {
        assertTrue(refused("<adf><?xml version=\"1.0\"?>" + prospect(CONTACT) + "</adf>").startsWith("malformed XML"));
    }

    // --- request date ---

    @Test
    void requestDateFormats() {
        OffsetDateTime expected = OffsetDateTime.of(2026, 11, 23, 10, 15, 0, 0, ZoneOffset.ofHours(8));
        assertEquals(expected, single(doc(prospect("<requestdate>2026-11-23T10:15:00+08:00</requestdate>" + CONTACT)))
                .requestDate());
        assertEquals(expected, single(doc(prospect("<requestdate>2026-11-23T10:15:00+0800</requestdate>" + CONTACT)))
                .requestDate());
        assertEquals(OffsetDateTime.of(2026, 11, 23, 2, 15, 0, 0, ZoneOffset.UTC),
                single(doc(prospect("<requestdate>2026-11-23T02:15:00Z</requestdate>" + CONTACT))).requestDate());
        assertEquals(expected.toInstant(),
                single(doc(prospect("<requestdate> 2026-11-23T02:15:00Z </requestdate>" + CONTACT)))
                        .requestDate().toInstant());
        assertEquals(OffsetDateTime.of(2026, 11, 23, 10, 15, 30, 500_000_000, ZoneOffset.ofHours(-5)),
                single(doc(prospect("<requestdate>2026-11-23T10:15:30.5-0500</requestdate>" + CONTACT)))
                        .requestDate());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-23", "2026-11-23T10:15:00", "2026-02-30T10:15:00+08:00",
            "2026-02-30T10:15:00+0800", "23/11/2026 10:15", "yesterday", "2026-11-23 10:15:00+08:00"})
    void badRequestDateRejectsTheProspect(String date) {
        assertEquals("prospect 1: requestdate must be an ISO-8601 date-time with offset, e.g. 2026-11-23T10:15:00+08:00",
                rejection(doc(prospect("<requestdate>" + date + "</requestdate>" + CONTACT))));
    }

    @Test
    void emptyRequestDateIsAbsent() {
        assertNull(single(doc(prospect("<requestdate> </requestdate>" + CONTACT))).requestDate());
    }

    // --- vehicle ---

    @ParameterizedTest
    @ValueSource(strings = {"1900", "2100", "2027"})
    void acceptsYearsInRange(String year) {
        assertEquals(Integer.valueOf(year),
                single(doc(prospect("<vehicle><year>" + year + "</year></vehicle>" + CONTACT))).year());
    }

    @ParameterizedTest
    @ValueSource(strings = {"1899", "2101", "26", "02026", "abcd", "2026.0", "-2026", "二〇二六"})
    void rejectsBadYears(String year) {
        assertEquals("prospect 1: vehicle.year must be a 4-digit year between 1900 and 2100",
                rejection(doc(prospect("<vehicle><year>" + year + "</year></vehicle>" + CONTACT))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "189900", "189900.00", "0.5"})
    void acceptsNonNegativePricesIgnoringCurrency(String price) {
        AdfProspect p = single(doc(prospect(
                "<vehicle><price type=\"msrp\" currency=\"USD\">" + price + "</price></vehicle>" + CONTACT)));
        assertEquals(new BigDecimal(price), p.price());
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "abc", "1,000", "¥189900", "1e5", "12.", ".5"})
    void rejectsBadPrices(String price) {
        assertEquals("prospect 1: vehicle.price must be a non-negative number",
                rejection(doc(prospect("<vehicle><price>" + price + "</price></vehicle>" + CONTACT))));
    }

    @Test
    void interestDefaultsToBuyAndIsLowerCased() {
        assertEquals("buy", single(doc(prospect("<vehicle><make>BYD</make></vehicle>" + CONTACT))).interest());
        assertEquals("lease", single(doc(prospect("<vehicle interest=\"Lease\"/>" + CONTACT))).interest());
        assertEquals("trade-in", single(doc(prospect("<vehicle interest=\"trade-in\"/>" + CONTACT))).interest());
    }

    @Test
    void wantedVehicleIsChosenOverTradeIn() {
        AdfProspect p = single(doc(prospect("""
                <vehicle interest="trade-in"><year>1850</year><make>Buick</make></vehicle>
                <vehicle interest="buy"><year>2026</year><make>BYD</make><model>Seal</model></vehicle>
                """ + CONTACT)));
        assertEquals("buy", p.interest());
        assertEquals("BYD", p.make());
        assertEquals(2026, p.year());
    }

    @Test
    void colourSpellings() {
        assertEquals("Red", single(doc(prospect("<vehicle><colour>Red</colour></vehicle>" + CONTACT))).colour());
        assertEquals("Red", single(doc(prospect("<vehicle><color>Red</color></vehicle>" + CONTACT))).colour());
        assertEquals("Blue", single(doc(prospect("<vehicle><colorcombination><interiorcolor>Black</interiorcolor>"
                + "<exteriorcolor>Blue</exteriorcolor></colorcombination></vehicle>" + CONTACT))).colour());
    }

    // --- customer contact ---

    @Test
    void contactIsRequired() {
        assertEquals("prospect 1: customer.contact is required",
                rejection(doc(prospect("<vehicle><make>BYD</make></vehicle>"))));
        assertEquals("prospect 1: customer.contact is required",
                rejection(doc(prospect("<customer><comments>hi</comments></customer>"))));
    }

    @Test
    void nameIsRequired() {
        assertEquals("prospect 1: customer.contact.name is required",
                rejection(doc(prospect("<customer><contact><phone>13800138000</phone>"
                        + "<name part=\"first\"> </name></contact></customer>"))));
    }

    @Test
    void anyNamePartWillDo() {
        assertEquals("王", single(doc(prospect(
                "<customer><contact><name part=\"last\">王</name><phone>1</phone></contact></customer>"))).name());
        assertEquals("Ann", single(doc(prospect(
                "<customer><contact><name part=\"first\">Ann</name><phone>1</phone></contact></customer>"))).name());
        AdfProspect full = single(doc(prospect(
                "<customer><contact><name part=\"full\">王小明</name><phone>1</phone></contact></customer>")));
        assertEquals("王小明", full.fullName());
        assertEquals("王小明", full.name());
        // ADF's default part is full.
        assertEquals("Li Na", single(doc(prospect(
                "<customer><contact><name>Li Na</name><phone>1</phone></contact></customer>"))).fullName());
    }

    @Test
    void namesJoinByScript() {
        assertEquals("欧阳娜娜", single(doc(prospect("<customer><contact><name part=\"last\">欧阳</name>"
                + "<name part=\"first\">娜娜</name><email>n@example.cn</email></contact></customer>"))).name());
        assertEquals("Nana Ouyang", single(doc(prospect("<customer><contact><name part=\"last\">Ouyang</name>"
                + "<name part=\"first\">Nana</name><email>n@example.cn</email></contact></customer>"))).name());
    }

    @Test
    void emailAloneIsEnough() {
        AdfProspect p = single(doc(prospect(
                "<customer><contact><name part=\"full\">Li</name><email> li@example.cn </email></contact></customer>")));
        assertEquals("li@example.cn", p.email());
        assertNull(p.phone());
    }

    @ParameterizedTest
    @ValueSource(strings = {"li", "li@example", "@example.cn", "li@@example.cn", "li @example.cn", "li@.cn",
            "li@example.", "li@example..cn"})
    void badEmailRejectsTheProspectEvenWithAPhone(String email) {
        assertEquals("prospect 1: customer.contact.email is not a valid email address",
                rejection(doc(prospect("<customer><contact><name part=\"full\">Li</name><phone>13800138000</phone>"
                        + "<email>" + email + "</email></contact></customer>"))));
    }

    @Test
    void voicePhoneIsPreferredToFax() {
        AdfProspect p = single(doc(prospect("<customer><contact><name>Li</name><phone type=\"fax\">021-1</phone>"
                + "<phone type=\"cellphone\">13800138000</phone></contact></customer>")));
        assertEquals("13800138000", p.phone());
        AdfProspect faxOnly = single(doc(prospect(
                "<customer><contact><name>Li</name><phone type=\"fax\">021-1</phone></contact></customer>")));
        assertEquals("021-1", faxOnly.phone());
    }

    @Test
    void everyProblemIsReportedTogether() {
        String xml = doc(prospect(CONTACT), prospect("""
                <requestdate>soon</requestdate>
                <vehicle><year>99</year><price>-5</price></vehicle>
                <customer><contact><email>nope</email></contact></customer>"""));
        AdfBatch batch = AdfParser.parse(xml);
        assertEquals(1, batch.prospects().size());
        assertEquals(List.of(new AdfRejection(2, "prospect 2: "
                + "requestdate must be an ISO-8601 date-time with offset, e.g. 2026-11-23T10:15:00+08:00; "
                + "vehicle.year must be a 4-digit year between 1900 and 2100; "
                + "vehicle.price must be a non-negative number; "
                + "customer.contact.name is required; "
                + "customer.contact.email is not a valid email address")), batch.rejected());
    }

    // --- the rest ---

    @Test
    void timeframeAndCommentsMayAlsoSitInTheProspect() {
        AdfProspect p = single(doc(prospect(CONTACT
                + "<timeframe><description>3 months</description></timeframe><comments>call after 6pm</comments>"
                + "<vehicle><comments>wants the long range</comments></vehicle>")));
        assertEquals("3 months", p.timeframe());
        assertEquals("call after 6pm\nwants the long range", p.comments());
        assertEquals("latest 2027-01-31", single(doc(prospect(CONTACT
                + "<timeframe><latestdate>2027-01-31</latestdate></timeframe>"))).timeframe());
    }

    @Test
    void vendorFallsBackToItsContactAndProviderToItsContact() {
        AdfProspect p = single(doc(prospect(CONTACT
                + "<vendor><contact><name part=\"first\">Jing</name><name part=\"last\">Zhou</name></contact></vendor>"
                + "<provider><contact><name part=\"full\">易车</name></contact></provider>")));
        assertEquals("Jing Zhou", p.vendor());
        assertEquals("易车", p.provider());
    }

    @Test
    void elementNamesIgnoreCase() {
        AdfProspect p = single("<ADF><PROSPECT><Customer><Contact><Name Part=\"full\">Li</Name>"
                + "<Phone>13800138000</Phone></Contact></Customer></PROSPECT></ADF>");
        assertEquals("Li", p.name());
        assertEquals("13800138000", p.phone());
    }
}

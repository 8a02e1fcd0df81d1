package dev.forecourt.lead.domain;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.chrono.IsoChronology;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads leads sent by auto portals and OEMs as ADF XML (Auto-lead Data Format, DOMAIN.md §2).
 *
 * <p>The document comes from outside, so the parser is locked down against XXE and entity
 * expansion: no DOCTYPE at all (ADF needs none), no external DTDs, schemas or entities, and the
 * JDK's own parser is used so a library on the classpath cannot swap in a laxer one.
 *
 * <p>A document that cannot be read as ADF is refused whole ({@link AdfException}); within a
 * readable document each prospect is checked on its own, so one bad lead is reported back
 * ({@link AdfRejection}) without losing the others.
 *
 * <p>Element names are matched ignoring case, and an XML declaration that some producers write
 * after {@code <?adf version="1.0"?>} (as in the ADF 1.0 specification's own example, which is
 * not well-formed XML) is tolerated by blanking it out before parsing; since the document is
 * already a Java string, its encoding declaration has no meaning anyway.
 */
public final class AdfParser {

    /** Most prospects one document may carry; a portal sending more is split into several posts. */
    public static final int MAX_PROSPECTS = 1000;

    private static final Pattern YEAR = Pattern.compile("\\d{4}");
    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 2100;
    private static final Pattern PRICE = Pattern.compile("\\d+(\\.\\d+)?");

    /** ISO-8601 with a colon-less offset ({@code +0800}), as many ADF producers write it. */
    private static final DateTimeFormatter ADF_OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .appendOffset("+HHMM", "Z")
            .toFormatter(Locale.ROOT)
            .withResolverStyle(ResolverStyle.STRICT)
            .withChronology(IsoChronology.INSTANCE);

    private static final List<DateTimeFormatter> DATE_TIME_FORMATS =
            List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, ADF_OFFSET_DATE_TIME);

    /** Interests that name the car the customer wants (rather than one they are getting rid of). */
    private static final Set<String> WANTED = Set.of("buy", "lease");

    private static final ErrorHandler FAIL_ON_ERROR = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // Warnings do not make a document unreadable.
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    private AdfParser() {
    }

    /**
     * Parses an ADF document into its valid and rejected prospects.
     *
     * @throws AdfException when the document is empty, not well-formed XML, has a DOCTYPE, has a
     *                      root other than {@code <adf>}, has no {@code <prospect>} or more than
     *                      {@link #MAX_PROSPECTS}
     */
    public static AdfBatch parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw new AdfException("the document is empty");
        }
        Document doc;
        try {
            doc = newBuilder().parse(new InputSource(new StringReader(prepare(xml))));
        } catch (SAXParseException e) {
            throw new AdfException("malformed XML at line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + ": " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new AdfException("malformed XML: " + e.getMessage(), e);
        }
        Element root = doc.getDocumentElement();
        if (!"adf".equalsIgnoreCase(localName(root))) {
            throw new AdfException("the root element must be <adf>, not <" + localName(root) + ">");
        }
        List<Element> prospects = children(root, "prospect");
        if (prospects.isEmpty()) {
            throw new AdfException("the document has no <prospect>");
        }
        if (prospects.size() > MAX_PROSPECTS) {
            throw new AdfException("at most " + MAX_PROSPECTS + " prospects per document");
        }
        List<AdfProspect> accepted = new ArrayList<>();
        List<AdfRejection> rejected = new ArrayList<>();
        for (int i = 0; i < prospects.size(); i++) {
            read(prospects.get(i), i + 1, accepted, rejected);
        }
        return new AdfBatch(accepted, rejected);
    }

    /**
     * A parser that refuses DOCTYPEs and never fetches anything. Package-private so tests can
     * check the lock-down directly, independently of the DOCTYPE pre-check in {@link #prepare}.
     */
    static DocumentBuilder newBuilder() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            f.setValidating(false);
            f.setNamespaceAware(true);
            f.setIgnoringComments(true);
            f.setCoalescing(true);
            DocumentBuilder builder = f.newDocumentBuilder();
            builder.setErrorHandler(FAIL_ON_ERROR);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed: " + systemId);
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK XML parser does not support the secure configuration", e);
        }
    }

    /**
     * Scans the prolog (everything before the root element): refuses a DOCTYPE with a clear
     * reason, drops a leading byte-order mark, and blanks out XML declarations (with spaces, so
     * parser line and column numbers stay right) wherever they stand among the leading
     * processing instructions and comments.
     */
    static String prepare(String xml) {
        char[] s = (xml.charAt(0) == '\uFEFF' ? xml.substring(1) : xml).toCharArray();
        String text = new String(s);
        int i = 0;
        while (i < s.length) {
            if (isXmlSpace(s[i])) {
                i++;
            } else if (text.startsWith("<?", i)) {
                int end = text.indexOf("?>", i + 2);
                if (end < 0) {
                    break; // unterminated: the parser reports it
                }
                int targetEnd = i + 2;
                while (targetEnd < end && !isXmlSpace(s[targetEnd])) {
                    targetEnd++;
                }
                if (text.substring(i + 2, targetEnd).equalsIgnoreCase("xml")) {
                    for (int j = i; j < end + 2; j++) {
                        if (s[j] != '\n' && s[j] != '\r') {
                            s[j] = ' ';
                        }
                    }
                }
                i = end + 2;
            } else if (text.startsWith("<!--", i)) {
                int end = text.indexOf("-->", i + 4);
                if (end < 0) {
                    break;
                }
                i = end + 3;
            } else if (text.regionMatches(true, i, "<!DOCTYPE", 0, 9)) {
                throw new AdfException("a DOCTYPE is not allowed in an ADF document");
            } else {
                break;
            }
        }
        return new String(s);
    }

    private static boolean isXmlSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static void read(Element p, int index, List<AdfProspect> accepted, List<AdfRejection> rejected) {
        List<String> problems = new ArrayList<>();

        OffsetDateTime requestDate = null;
        String requestDateText = childText(p, "requestdate");
        if (requestDateText != null) {
            requestDate = parseDateTime(requestDateText);
            if (requestDate == null) {
                problems.add("requestdate must be an ISO-8601 date-time with offset, e.g. 2026-11-23T10:15:00+08:00");
            }
        }

        Element vehicle = wantedVehicle(p);
        String interest = null;
        Integer year = null;
        BigDecimal price = null;
        if (vehicle != null) {
            String interestText = blankToNull(vehicle.getAttribute("interest"));
            interest = interestText == null ? "buy" : interestText.toLowerCase(Locale.ROOT);
            String yearText = childText(vehicle, "year");
            if (yearText != null) {
                year = parseYear(yearText);
                if (year == null) {
                    problems.add("vehicle.year must be a 4-digit year between " + MIN_YEAR + " and " + MAX_YEAR);
                }
            }
            String priceText = childText(vehicle, "price");
            if (priceText != null) {
                if (PRICE.matcher(priceText).matches()) {
                    price = new BigDecimal(priceText);
                } else {
                    problems.add("vehicle.price must be a non-negative number");
                }
            }
        }

        Element customer = child(p, "customer");
        Element contact = customer == null ? null : child(customer, "contact");
        Names names = Names.of(contact);
        String email = contact == null ? null : childText(contact, "email");
        String phone = contact == null ? null : phone(contact);
        if (contact == null) {
            problems.add("customer.contact is required");
        } else {
            if (names.isEmpty()) {
                problems.add("customer.contact.name is required");
            }
            if (phone == null && email == null) {
                problems.add("customer.contact.phone or email is required");
            }
            if (email != null && !isEmail(email)) {
                problems.add("customer.contact.email is not a valid email address");
            }
        }

        if (!problems.isEmpty()) {
            rejected.add(new AdfRejection(index, "prospect " + index + ": " + String.join("; ", problems)));
            return;
        }
        accepted.add(new AdfProspect(index, requestDate, interest, year,
                childText(vehicle, "make"), childText(vehicle, "model"), childText(vehicle, "vin"),
                childText(vehicle, "trim"), colour(vehicle), price,
                names.first, names.last, names.full, email, phone,
                timeframe(customer, p), comments(customer, p, vehicle), vendor(p), provider(p)));
    }

    static OffsetDateTime parseDateTime(String text) {
        for (DateTimeFormatter format : DATE_TIME_FORMATS) {
            try {
                return OffsetDateTime.parse(text, format);
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        return null;
    }

    private static Integer parseYear(String text) {
        if (!YEAR.matcher(text).matches()) {
            return null;
        }
        int y = Integer.parseInt(text);
        return y >= MIN_YEAR && y <= MAX_YEAR ? y : null;
    }

    /**
     * The vehicle the lead is about. A prospect may list several (say, the car wanted and a
     * trade-in); the first one to buy or lease is the interest, else the first listed.
     * ADF's default interest is "buy".
     */
    private static Element wantedVehicle(Element p) {
        List<Element> vehicles = children(p, "vehicle");
        for (Element v : vehicles) {
            String interest = blankToNull(v.getAttribute("interest"));
            if (interest == null || WANTED.contains(interest.toLowerCase(Locale.ROOT))) {
                return v;
            }
        }
        return vehicles.isEmpty() ? null : vehicles.get(0);
    }

    /** {@code colour}, or {@code color}, or ADF 1.0's {@code colorcombination/exteriorcolor}. */
    private static String colour(Element vehicle) {
        if (vehicle == null) {
            return null;
        }
        String colour = childText(vehicle, "colour");
        if (colour == null) {
            colour = childText(vehicle, "color");
        }
        if (colour == null) {
            Element combination = child(vehicle, "colorcombination");
            colour = combination == null ? null : childText(combination, "exteriorcolor");
        }
        return colour;
    }

    /** The first voice or mobile number, or failing that any number given (a fax is still a phone line). */
    private static String phone(Element contact) {
        String fallback = null;
        for (Element phone : children(contact, "phone")) {
            String number = text(phone);
            if (number == null) {
                continue;
            }
            if (!"fax".equalsIgnoreCase(phone.getAttribute("type").trim())) {
                return number;
            }
            if (fallback == null) {
                fallback = number;
            }
        }
        return fallback;
    }

    /**
     * A loose plausibility check (one {@code @}, a dotted domain without empty labels, no spaces),
     * the same as customer-service's: the real proof an address works is a delivered message.
     */
    static boolean isEmail(String s) {
        if (s.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        int at = s.indexOf('@');
        if (at <= 0 || at != s.lastIndexOf('@')) {
            return false;
        }
        String domain = s.substring(at + 1);
        return domain.contains(".") && !domain.startsWith(".") && !domain.endsWith(".") && !domain.contains("..");
    }

    /** ADF puts {@code timeframe} in {@code customer}; also accepted directly in {@code prospect}. */
    private static String timeframe(Element customer, Element p) {
        Element timeframe = customer == null ? null : child(customer, "timeframe");
        if (timeframe == null) {
            timeframe = child(p, "timeframe");
        }
        if (timeframe == null) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        String description = childText(timeframe, "description");
        String earliest = childText(timeframe, "earliestdate");
        String latest = childText(timeframe, "latestdate");
        if (description != null) {
            parts.add(description);
        }
        if (earliest != null) {
            parts.add("earliest " + earliest);
        }
        if (latest != null) {
            parts.add("latest " + latest);
        }
        return parts.isEmpty() ? null : String.join("; ", parts);
    }

    /** Comments may sit in {@code customer}, {@code prospect} or the vehicle; all are kept, one per line. */
    private static String comments(Element customer, Element p, Element vehicle) {
        Set<String> all = new LinkedHashSet<>();
        for (Element parent : new Element[]{customer, p, vehicle}) {
            String c = childText(parent, "comments");
            if (c != null) {
                all.add(c);
            }
        }
        return all.isEmpty() ? null : String.join("\n", all);
    }

    private static String vendor(Element p) {
        Element vendor = child(p, "vendor");
        if (vendor == null) {
            return null;
        }
        String name = childText(vendor, "vendorname");
        return name != null ? name : Names.of(child(vendor, "contact")).display();
    }

    private static String provider(Element p) {
        Element provider = child(p, "provider");
        if (provider == null) {
            return null;
        }
        String name = Names.of(provider).display();
        return name != null ? name : Names.of(child(provider, "contact")).display();
    }

    /** The {@code name part=...} children of an element; a name without {@code part} is the full name. */
    private record Names(String first, String last, String full) {

        static Names of(Element parent) {
            String first = null;
            String last = null;
            String full = null;
            if (parent != null) {
                for (Element name : children(parent, "name")) {
                    String value = text(name);
                    if (value == null) {
                        continue;
                    }
                    String part = name.getAttribute("part").trim().toLowerCase(Locale.ROOT);
                    switch (part) {
                        case "first" -> first = first == null ? value : first;
                        case "last", "surname" -> last = last == null ? value : last;
                        case "full", "" -> full = full == null ? value : full;
                        default -> {
                            // middle, suffix: not kept
                        }
                    }
                }
            }
            return new Names(first, last, full);
        }

        boolean isEmpty() {
            return first == null && last == null && full == null;
        }

        String display() {
            return isEmpty() ? null : AdfProspect.displayName(first, last, full);
        }
    }

    private static String localName(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equalsIgnoreCase(localName(e))) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equalsIgnoreCase(localName(e))) {
                return e;
            }
        }
        return null;
    }

    /** The trimmed text of the first {@code name} child of {@code parent}; null when either is missing or blank. */
    private static String childText(Element parent, String name) {
        return parent == null ? null : text(child(parent, name));
    }

    private static String text(Element e) {
        return e == null ? null : blankToNull(e.getTextContent());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}

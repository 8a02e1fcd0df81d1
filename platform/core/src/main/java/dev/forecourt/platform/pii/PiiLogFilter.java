package dev.forecourt.platform.pii;

import io.quarkus.logging.LoggingFilter;
import org.jboss.logmanager.ExtFormatter;
import org.jboss.logmanager.ExtLogRecord;

import java.util.logging.Filter;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks personal data that slips into a log line: mainland mobile numbers, 18-character Chinese
 * ID numbers and email addresses in the formatted message are replaced by their {@link Masking}
 * form. It never drops a record. Enabled per handler with {@code quarkus.log.console.filter=pii-mask}
 * (set in the shared microprofile-config.properties).
 *
 * <p>Only the message is masked, not the stack trace of an attached exception: do not put
 * personal data into exception messages.
 */
@LoggingFilter(name = "pii-mask")
public final class PiiLogFilter implements Filter {

    /**
     * A {@code +86} mobile number, or a whole run of digits (with an X after it, for ID numbers
     * ending in X). Matching whole runs, never part of one, is what keeps order numbers and
     * timestamps intact; which runs are personal data is decided in {@link #appendNumber}. No
     * look-behind: it is cheap on every character of every line.
     */
    private static final Pattern NUMBER = Pattern.compile("\\+86[ -]?1[0-9]{10}(?![0-9])|[0-9]++[Xx]?");

    /**
     * JBoss LogManager's message formatting, as Quarkus' console pattern {@code %s} does it
     * (resource bundle, then the record's format style: printf, MessageFormat or none).
     */
    private static final ExtFormatter LOGMANAGER_FORMAT = new ExtFormatter() {
        @Override
        public String format(ExtLogRecord record) {
            return formatMessage(record);
        }
    };

    /** java.util.logging's own message formatting (resource bundle, then MessageFormat), as SimpleFormatter does it. */
    private static final Formatter JUL_FORMAT = new Formatter() {
        @Override
        public String format(LogRecord record) {
            return formatMessage(record);
        }
    };

    @Override
    public boolean isLoggable(LogRecord record) {
        try {
            mask(record);
        } catch (RuntimeException e) {
            // a filter must never lose a log line; an unmasked line is better than none
        }
        return true;
    }

    private static void mask(LogRecord record) {
        String formatted = record instanceof ExtLogRecord
                ? LOGMANAGER_FORMAT.formatMessage(record)
                : JUL_FORMAT.formatMessage(record);
        if (formatted == null) {
            return;
        }
        String masked = maskText(formatted);
        if (masked.equals(formatted)) {
            return; // nothing to mask: leave the record as the logger made it
        }
        record.setParameters(null);
        record.setResourceBundle(null);
        record.setResourceBundleName(null);
        if (record instanceof ExtLogRecord ext) {
            ext.setMessage(masked, ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
            record.setMessage(masked);
        }
    }

    /**
     * {@code text} with every mainland mobile number (11 digits starting with 1, optionally
     * {@code +86}), every 18-character ID number (17 digits and a digit or X) and every email
     * address replaced by its {@link Masking} form; digits that are part of a longer run are
     * left alone. Null for null.
     */
    public static String maskText(String text) {
        if (text == null || !mayContainPii(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        int done = 0; // text before this index is in out already
        boolean changed = false;
        int at = text.indexOf('@');
        while (at >= 0) {
            // Emails by hand rather than by regex: linear however long the line, no look-behind
            // on every character, no deep recursion on a long run of domain labels.
            int start = at;
            while (start > done && isLocalChar(text.charAt(start - 1))) {
                start--;
            }
            int end = at + 1;
            while (end < text.length() && isDomainChar(text.charAt(end))) {
                end++;
            }
            while (end > at + 1 && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
                end--; // a full stop after an email ends the sentence, not the domain
            }
            if (start < at && isEmailDomain(text, at + 1, end)) {
                changed |= appendNumbers(text, done, start, out);
                out.append(Masking.email(text.substring(start, end)));
                done = end;
                changed = true;
            }
            at = text.indexOf('@', Math.max(at + 1, done));
        }
        changed |= appendNumbers(text, done, text.length(), out);
        return changed ? out.toString() : text;
    }

    /** Appends {@code text[from, to)} with its phone and ID numbers masked; whether there were any. */
    private static boolean appendNumbers(String text, int from, int to, StringBuilder out) {
        if (from >= to) {
            return false;
        }
        Matcher m = NUMBER.matcher(text).region(from, to);
        int last = from;
        boolean changed = false;
        while (m.find()) {
            out.append(text, last, m.start());
            changed |= appendNumber(text, m.start(), m.end(), out);
            last = m.end();
        }
        out.append(text, last, to);
        return changed;
    }

    /** Appends one match of {@link #NUMBER}: masked if it is a mobile or ID number (then true), else as it is. */
    private static boolean appendNumber(String text, int start, int end, StringBuilder out) {
        if (text.charAt(start) == '+') {
            out.append(Masking.phone(text.substring(start, end)));
            return true;
        }
        char lastChar = text.charAt(end - 1);
        boolean x = lastChar == 'X' || lastChar == 'x';
        int digits = end - start - (x ? 1 : 0);
        if (x && digits == 17) {
            out.append(Masking.idNumber(text.substring(start, end)));
        } else if (digits == 18) {
            out.append(Masking.idNumber(text.substring(start, start + 18))).append(text, start + 18, end);
        } else if (digits == 11 && text.charAt(start) == '1') {
            out.append(Masking.phone(text.substring(start, start + 11))).append(text, start + 11, end);
        } else {
            out.append(text, start, end);
            return false;
        }
        return true;
    }

    /** {@code text[from, to)} has a dot and ends in a top-level label of 2 or more letters. */
    private static boolean isEmailDomain(String text, int from, int to) {
        int lastDot = text.lastIndexOf('.', to - 1);
        if (lastDot <= from || to - lastDot - 1 < 2) {
            return false;
        }
        for (int i = lastDot + 1; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isLocalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    private static boolean isDomainChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    }

    /** Fast path: no digit and no '@' means nothing to mask. */
    private static boolean mayContainPii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if ((c >= '0' && c <= '9') || c == '@') {
                return true;
            }
        }
        return false;
    }
}

package dev.forecourt.lead.domain;

/**
 * An ADF document refused as a whole (malformed, not ADF, empty, too large or carrying a DOCTYPE),
 * as opposed to a single bad prospect, which becomes an {@link AdfRejection}.
 */
public final class AdfException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public AdfException(String reason) {
        super(reason);
    }

    public AdfException(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** Why the document was refused; safe to return to the sender. */
    public String reason() {
        return getMessage();
    }
}

package dev.forecourt.lead.domain;

/**
 * A prospect left out of an ADF batch, reported back to the sender rather than failing the
 * whole document: one bad lead from a portal must not lose the good ones sent with it.
 *
 * @param index  1-based position of the {@code <prospect>} in its document
 * @param reason why, naming the fields, e.g. "prospect 2: customer.contact.phone or email is required"
 */
public record AdfRejection(int index, String reason) {
}

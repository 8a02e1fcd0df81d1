package dev.forecourt.customer.api.validation;

import jakarta.validation.ConstraintValidatorContext;

import java.util.Optional;


/** Turns a domain rule's reason into the constraint message, so the 422 says exactly what is wrong. */
final class DomainRule {

    static boolean check(Optional<String> violation, ConstraintValidatorContext context) {
        if (violation.isEmpty()) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        // Reasons are plain text; escape what the message interpolator would treat as expressions.
        String message = violation.get().replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
        return false;
    }

    private DomainRule() {
    }
}

package dev.forecourt.platform.api;

import dev.forecourt.platform.problem.Problem;
import dev.forecourt.platform.problem.ProblemException;

import jakarta.ws.rs.core.EntityTag;

import java.util.List;

/**
 * Optimistic concurrency over HTTP: a record's version is its ETag, and an update must send
 * it back in {@code If-Match}; a stale one is refused with 412, a missing one with 428.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    public static EntityTag entityTag(long version) {
        return new EntityTag(Long.toString(version));
    }

    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(new Problem(Problem.type("precondition-required"), "If-Match required", 428,
                    "Send the ETag you read in If-Match, so your update cannot overwrite someone else's", null,
                    List.of(new Problem.FieldError("If-Match", "required", "header is required")), null));
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (!tag.equals(of(currentVersion)) && !"*".equals(tag)) {
            throw ProblemException.staleVersion(ifMatch, currentVersion);
        }
    }
}

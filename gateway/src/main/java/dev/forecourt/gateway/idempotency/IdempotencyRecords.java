package dev.forecourt.gateway.idempotency;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/**
 * The gateway's record of creates made with an {@code Idempotency-Key}, per caller and key: first
 * a claim (no answer yet), then the service's answer. Kept {@link #KEPT}; a claim whose request
 * never got an answer (the gateway stopped mid-request) may be taken over after {@link #ABANDONED}.
 */
@ApplicationScoped
public class IdempotencyRecords {

    static final Duration KEPT = Duration.ofHours(24);
    static final Duration ABANDONED = Duration.ofMinutes(2);

    /** An answer as the caller got it. */
    public record Answer(int status, String headers, byte[] body) {
    }

    /** What a claim found: the key is the caller's to use now, or already used. */
    public sealed interface Claim {
    }

    public record Claimed() implements Claim {
    }

    /** The same request was answered before: repeat the answer. */
    public record Answered(Answer answer) implements Claim {
    }

    /** The same request is still on its way to the service. */
    public record InFlight() implements Claim {
    }

    /** The key was used for another request (method, path or body differ). */
    public record UsedElsewhere(String method, String path) implements Claim {
    }

    @Inject
    DataSource dataSource;

    public Claim claim(String principal, String key, String method, String path, String requestHash) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO idempotency_record (idempotency_key, principal,"
                    + " method, path, request_hash) VALUES (?, ?, ?, ?, ?)"
                    + " ON CONFLICT (principal, idempotency_key) DO UPDATE SET method = EXCLUDED.method,"
                    + " path = EXCLUDED.path, request_hash = EXCLUDED.request_hash, status = NULL, response_headers = NULL,"
                    + " response_body = NULL, created_at = now()"
                    + " WHERE idempotency_record.created_at < now() - make_interval(secs => ?)"
                    + " OR (idempotency_record.status IS NULL AND idempotency_record.created_at < now() - make_interval(secs => ?))")) {
                s.setString(1, key);
                s.setString(2, principal);
                s.setString(3, method);
                s.setString(4, path);
                s.setString(5, requestHash);
                s.setLong(6, KEPT.toSeconds());
                s.setLong(7, ABANDONED.toSeconds());
                if (s.executeUpdate() == 1) {
                    return new Claimed();
                }
            }
            try (PreparedStatement s = c.prepareStatement("SELECT method, path, request_hash, status, response_headers,"
                    + " response_body FROM idempotency_record WHERE principal = ? AND idempotency_key = ?")) {
                s.setString(1, principal);
                s.setString(2, key);
                try (ResultSet r = s.executeQuery()) {
                    if (!r.next()) {
                        return new InFlight(); // purged between the two statements: the retry claims it
                    }
                    if (!r.getString(3).equals(requestHash)) {
                        return new UsedElsewhere(r.getString(1), r.getString(2));
                    }
                    int status = r.getInt(4);
                    return r.wasNull() ? new InFlight() : new Answered(new Answer(status, r.getString(5), r.getBytes(6)));
                }
            }
        }
    }

    /** Records the answer to a claimed request. */
    public void answer(String principal, String key, Answer answer) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("UPDATE idempotency_record SET status = ?, response_headers = ?,"
                     + " response_body = ? WHERE principal = ? AND idempotency_key = ?")) {
            s.setInt(1, answer.status());
            s.setString(2, answer.headers());
            s.setBytes(3, answer.body());
            s.setString(4, principal);
            s.setString(5, key);
            s.executeUpdate();
        }
    }

    /** Gives a claim up (the service failed or could not be reached): a retry goes through again. */
    public void release(String principal, String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM idempotency_record"
                     + " WHERE principal = ? AND idempotency_key = ? AND status IS NULL")) {
            s.setString(1, principal);
            s.setString(2, key);
            s.executeUpdate();
        }
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("DELETE FROM idempotency_record"
                     + " WHERE created_at < now() - make_interval(secs => ?)")) {
            s.setLong(1, KEPT.toSeconds());
            s.executeUpdate();
        }
    }
}

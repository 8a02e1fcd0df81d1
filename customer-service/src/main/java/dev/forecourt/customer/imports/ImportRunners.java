package dev.forecourt.customer.imports;

import dev.forecourt.customer.config.CustomerSettings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The replicas that run import jobs. A job runs on the replica that took its upload (the spool file
 * is local), named {@code host:pid}, which records a sign of life in {@code import_runner} every
 * {@code forecourt.customer.import.heartbeat} (15 s). A job whose replica has stopped cannot resume,
 * so it is failed visibly: at once when that replica stops cleanly or starts again under the same
 * name (a container's restart), and otherwise by any replica once its runner has been silent for
 * {@link #SILENT_BEATS} beats. Another replica's running jobs are left alone.
 */
@ApplicationScoped
public class ImportRunners {

    private static final Logger LOG = Logger.getLogger(ImportRunners.class);
    /** Beats a runner may miss before its jobs count as interrupted. */
    static final int SILENT_BEATS = 4;
    static final String RESUBMIT = "; submit the file again (rows already imported will be merged)";

    private final String self = host() + ":" + ProcessHandle.current().pid();

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CustomerSettings settings;

    /** This replica's name, recorded on the jobs it runs. */
    public String self() {
        return self;
    }

    void onStart(@Observes StartupEvent e) {
        // Jobs under this name are an earlier process's: this one has not started any yet.
        end("runner = ?", "the service restarted during the import" + RESUBMIT, self);
        beat();
    }

    void onStop(@Observes ShutdownEvent e) {
        end("runner = ?", "the service stopped during the import" + RESUBMIT, self);
        execute("DELETE FROM import_runner WHERE id = ?", self);
    }

    @Scheduled(every = "{forecourt.customer.import.heartbeat:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void heartbeat() {
        beat();
        sweep();
        // Every start is a new name (host:pid): forget the names gone for a day, their jobs long ended.
        execute("DELETE FROM import_runner WHERE seen_at < now() - interval '1 day'");
    }

    /** Fails the unfinished jobs of runners silent for longer than {@link #SILENT_BEATS} beats. */
    int sweep() {
        return end("NOT EXISTS (SELECT 1 FROM import_runner r WHERE r.id = import_job.runner"
                        + " AND r.seen_at > now() - make_interval(secs => ?))",
                "the replica running the import stopped answering" + RESUBMIT,
                settings.imports().heartbeat().multipliedBy(SILENT_BEATS).toMillis() / 1000.0);
    }

    private void beat() {
        execute("INSERT INTO import_runner (id, seen_at) VALUES (?, now())"
                + " ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at", self);
    }

    private int end(String which, String failure, Object parameter) {
        int ended = execute("UPDATE import_job SET status = 'FAILED', failure = ?, finished_at = now()"
                + " WHERE status IN ('QUEUED', 'RUNNING') AND " + which, failure, parameter);
        if (ended > 0) {
            LOG.warnf("failed %d interrupted import job(s): %s", ended, failure);
        }
        return ended;
    }

    private int execute(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException ex) { // the next beat tries again; a job's own writes do not depend on it
            LOG.warnf("import runners: could not update the database (%s)", ex.getMessage());
            return 0;
        }
    }

    private static String host() {
        String name = System.getenv("HOSTNAME");
        if (name != null && !name.isBlank()) {
            return name;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}

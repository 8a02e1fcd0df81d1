package dev.forecourt.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * Runs the {@link OutboxRelay} of this application on its own thread: it drains the outbox,
 * then sleeps until PostgreSQL notifies it of a commit (LISTEN outbox_event), with a short
 * fallback poll for rows another replica left behind. While Kafka is down, writes keep being
 * accepted into the outbox; the relay retries with back-off and catches up when Kafka returns.
 */
@ApplicationScoped
public class OutboxRelayService {

    private static final Logger LOG = Logger.getLogger(OutboxRelayService.class);

    @ConfigProperty(name = "forecourt.outbox.relay.enabled", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "forecourt.outbox.relay.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "forecourt.outbox.relay.poll-interval", defaultValue = "1S")
    Duration pollInterval;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    private final AgroalDataSource dataSource;
    private volatile boolean running;
    private Thread thread;
    private Producer<String, byte[]> producer;
    /** When the outbox was last drained without a failure; null before the first time. */
    private volatile Instant lastDrained;
    /** The failure since then, if any: the relay is retrying it. */
    private volatile String lastFailure;
    /** What ended the relay's thread for good (the JVM's own trouble), if anything did. */
    private volatile Throwable fatal;

    /** The relay as the health check reports it. */
    public record State(boolean enabled, boolean alive, Instant lastDrained, String lastFailure) {
    }

    public OutboxRelayService(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    void start(@Observes StartupEvent ignored) {
        if (!enabled) {
            LOG.info("outbox relay disabled (forecourt.outbox.relay.enabled=false)");
            return;
        }
        producer = new KafkaProducer<>(producerConfig(bootstrap), new StringSerializer(), new ByteArraySerializer());
        OutboxRelay relay = new OutboxRelay(dataSource, producer, batchSize, 15_000);
        running = true;
        thread = Thread.ofPlatform().name("outbox-relay").daemon().start(() -> loop(relay));
    }

    void stop(@Observes ShutdownEvent ignored) {
        running = false;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Producer settings for ordered, acknowledged, non-duplicating sends that fail fast when Kafka is away.
     * Uncompressed: lz4 was tried with the import bench and gained nothing measurable; Kafka's CPU over a
     * million-row import was not lower with it (4.6-12.2 core-s against 4.8-7.0, in runs that vary a lot).
     */
    public static Map<String, Object> producerConfig(String bootstrap) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
    }

    public State state() {
        boolean alive = !enabled || (fatal == null && thread != null && thread.isAlive());
        return new State(enabled, alive, lastDrained, fatal != null ? fatal.toString() : lastFailure);
    }

    private void loop(OutboxRelay relay) {
        long backoff = 100;
        Connection listener = null;
        while (running) {
            try {
                if (listener == null || listener.isClosed()) {
                    listener = listen();
                }
                while (running && relay.publishBatch() > 0) {
                    // drain everything that is publishable now
                }
                lastDrained = Instant.now();
                lastFailure = null;
                backoff = 100;
                // Sleep until a commit notifies us; wake anyway after the poll interval.
                listener.unwrap(PGConnection.class).getNotifications((int) pollInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (VirtualMachineError e) {
                fatal = e; // the liveness check now reports DOWN, so the service gets restarted
                LOG.error("outbox relay stopped; events stay in the outbox until the service restarts", e);
                throw e;
            } catch (Exception | Error e) {
                // An Error too: the JDBC driver can throw one on a lost connection (pgjdbc 42.7.8's
                // AssertionError), and a relay thread that ended silently would leave every later event
                // in the outbox while the service went on accepting writes.
                if (!running) {
                    break;
                }
                lastFailure = e.toString();
                LOG.warnf("outbox relay: %s; retrying in %d ms (events stay in the outbox)", e.toString(), backoff);
                closeQuietly(listener);
                listener = null;
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
                backoff = Math.min(backoff * 2, 5_000);
            }
        }
        closeQuietly(listener);
    }

    private Connection listen() throws Exception {
        Connection c = dataSource.getConnection();
        c.setAutoCommit(true);
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN outbox_event");
        }
        return c;
    }

    /** Stops listening before the connection goes back to the pool, so no one else collects our notifications. */
    private static void closeQuietly(Connection c) {
        if (c != null) {
            try (Statement s = c.createStatement()) {
                s.execute("UNLISTEN *");
            } catch (Exception ignored) {
                // the connection is broken: the pool will discard it
            }
            try {
                c.close();
            } catch (Exception ignored) {
                // already broken
            }
        }
    }
}

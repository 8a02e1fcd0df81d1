package dev.forecourt.platform.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Gives a {@code @QuarkusTest} suite real services: a freshly created PostgreSQL database
 * {@code forecourt_<database>_test}, and the Kafka broker and Keycloak realm of this machine
 * (as {@code deploy/stack infra} starts them). When one is missing it fails at once, saying
 * what to start, rather than letting the suite time out.
 *
 * <pre>{@code @QuarkusTestResource(value = RealServices.class, initArgs = @ResourceArg(name = "database", value = "customer"))}</pre>
 */
public class RealServices implements QuarkusTestResourceLifecycleManager {

    private String database;

    @Override
    public void init(Map<String, String> initArgs) {
        String name = initArgs.get("database");
        if (name == null || !name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("RealServices needs initArgs database=<lowercase name>, got " + name);
        }
        database = "forecourt_" + name + "_test";
    }

    @Override
    public Map<String, String> start() {
        recreateDatabase();
        if (!LocalInfrastructure.kafkaReachable()) {
            throw missing("Kafka broker at " + LocalInfrastructure.KAFKA_BOOTSTRAP);
        }
        if (!LocalInfrastructure.keycloakReachable()) {
            throw missing("Keycloak realm at " + LocalInfrastructure.issuer());
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", LocalInfrastructure.jdbcUrl(database),
                "quarkus.datasource.username", LocalInfrastructure.PG_USER,
                "quarkus.datasource.password", LocalInfrastructure.PG_PASSWORD,
                "kafka.bootstrap.servers", LocalInfrastructure.KAFKA_BOOTSTRAP,
                "quarkus.oidc.auth-server-url", LocalInfrastructure.issuer());
    }

    @Override
    public void stop() {
        // The test database is kept after the run for inspection; the next run recreates it.
    }

    private static IllegalStateException missing(String what) {
        return new IllegalStateException("No " + what + " is reachable: " + LocalInfrastructure.HOW_TO_START);
    }

    /** Drops and creates this suite's database so every run starts from Flyway's migrations alone. */
    private void recreateDatabase() {
        try (Connection c = DriverManager.getConnection(LocalInfrastructure.jdbcUrl("postgres"),
                LocalInfrastructure.PG_ADMIN_USER, LocalInfrastructure.PG_ADMIN_PASSWORD);
                Statement s = c.createStatement()) {
            String user = LocalInfrastructure.PG_USER;
            s.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '" + user + "') THEN "
                    + "CREATE ROLE " + user + " LOGIN PASSWORD '" + LocalInfrastructure.PG_PASSWORD + "'; END IF; END $$");
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database + " OWNER " + user);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create the test database " + database + " on "
                    + LocalInfrastructure.PG_HOST + ":" + LocalInfrastructure.PG_PORT + " as "
                    + LocalInfrastructure.PG_ADMIN_USER + " (" + e.getMessage() + "): " + LocalInfrastructure.HOW_TO_START, e);
        }
    }
}

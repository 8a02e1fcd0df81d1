package dev.forecourt.platform.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Where the real PostgreSQL, Kafka broker and Keycloak of this machine are, read from the
 * same environment variables the applications and {@code deploy/stack} use, with the stack's
 * defaults. Each probe fails with a message saying how to get the missing service running.
 */
public final class LocalInfrastructure {

    public static final String PG_HOST = env("FORECOURT_PG_HOST", "localhost");
    public static final String PG_PORT = env("FORECOURT_PG_PORT", "5432");
    /** A user allowed to create databases and roles (the stack's local server trusts it). */
    public static final String PG_ADMIN_USER = env("FORECOURT_PG_ADMIN_USER", "postgres");
    public static final String PG_ADMIN_PASSWORD = env("FORECOURT_PG_ADMIN_PASSWORD", "");
    public static final String PG_USER = env("FORECOURT_PG_USER", "forecourt");
    public static final String PG_PASSWORD = env("FORECOURT_PG_PASSWORD", "forecourt");
    public static final String KAFKA_BOOTSTRAP = env("FORECOURT_KAFKA_BOOTSTRAP", "localhost:9092");
    public static final String KEYCLOAK_URL = env("FORECOURT_KEYCLOAK_URL", "http://localhost:8180");
    public static final String REALM = env("FORECOURT_KEYCLOAK_REALM", "forecourt");

    static final String HOW_TO_START = "start PostgreSQL, Kafka and Keycloak with `deploy/stack infra`"
            + " (or run the whole suite with `deploy/stack test`), or point FORECOURT_PG_HOST,"
            + " FORECOURT_KAFKA_BOOTSTRAP and FORECOURT_KEYCLOAK_URL at running ones";

    private LocalInfrastructure() {
    }

    public static String jdbcUrl(String database) {
        return "jdbc:postgresql://" + PG_HOST + ":" + PG_PORT + "/" + database;
    }

    public static String issuer() {
        return KEYCLOAK_URL + "/realms/" + REALM;
    }

    public static boolean kafkaReachable() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA_BOOTSTRAP);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(props)) {
            admin.describeCluster().clusterId().get(6, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public static boolean keycloakReachable() {
        try {
            HttpResponse<Void> response = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build()
                    .send(HttpRequest.newBuilder(URI.create(issuer() + "/.well-known/openid-configuration"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}

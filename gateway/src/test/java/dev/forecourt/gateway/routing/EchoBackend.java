package dev.forecourt.gateway.routing;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A real HTTP server standing where customer-service would be: it answers with what it
 * received (method, path and query, whether a bearer token came, the body), so the tests
 * can see exactly what the gateway forwarded, and numbers every request it receives ({@code n}). /api/leads points at a closed port.
 */
public class EchoBackend implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;
    private final AtomicLong received = new AtomicLong();
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            long n = received.incrementAndGet();
            String json = "{\"method\":\"" + exchange.getRequestMethod() + "\",\"uri\":\"" + exchange.getRequestURI()
                    + "\",\"bearer\":" + (auth != null && auth.startsWith("Bearer ")) + ",\"bodyLength\":" + body.length()
                    + ",\"n\":" + n + "}";
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            // ?status=201 answers a create (with a Location); ?fail-first=<id> fails the first request naming <id>.
            String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
            int status = query.contains("status=201") ? 201 : 200;
            if (query.contains("fail-first=") && failedOnce.add(query)) {
                status = 503;
            }
            if (status == 201) {
                exchange.getResponseHeaders().add("Location", "/api/customers/" + n);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return Map.of(
                "forecourt.gateway.routes.customers", "http://127.0.0.1:" + server.getAddress().getPort(),
                "forecourt.gateway.routes.leads", "http://127.0.0.1:1");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}

package dev.forecourt.lead.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * customer-service's endpoints lead-service calls, answered as customer-service answers them
 * (same status codes and bodies: found 200 / created 201 with {@code customerId}, a 422
 * problem naming the field for a phone that is not a mainland mobile number, and a customer's
 * summary, 200 or 404). It lets a test
 * stop and start "customer-service" at will; the contract itself is tested in customer-service.
 * The same phone always resolves to the same customer, as identity resolution does.
 */
final class CustomerServiceStandIn implements AutoCloseable {

    static final int PORT = 18081;
    private static final ObjectMapper JSON = new ObjectMapper();

    private HttpServer server;
    final List<String> authorizations = new CopyOnWriteArrayList<>();
    /** Customers this customer-service has besides those it resolves (e.g. imported ones): their summary is 200. */
    final java.util.Set<UUID> existing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** The customer ids whose summary was asked for. */
    final List<String> summaries = new CopyOnWriteArrayList<>();

    static UUID customerFor(String key) {
        return UUID.nameUUIDFromBytes(("customer:" + key).getBytes(StandardCharsets.UTF_8));
    }

    CustomerServiceStandIn start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        server.createContext("/api/customers", this::handle);
        server.start();
        return this;
    }

    private void handle(HttpExchange x) throws IOException {
        authorizations.add(String.valueOf(x.getRequestHeaders().getFirst("Authorization")));
        String path = x.getRequestURI().getPath();
        if (x.getRequestMethod().equals("GET") && path.matches("/api/customers/[0-9a-f-]{36}/summary")) {
            String id = path.split("/")[3];
            summaries.add(id);
            if (existing.contains(UUID.fromString(id))) {
                respond(x, 200, "{\"id\":\"" + id + "\",\"storeId\":\"store-a\",\"kind\":\"COMPANY\","
                        + "\"lifecycleClass\":\"POTENTIAL\",\"createdAt\":\"2026-11-01T08:00:00Z\",\"mergedInto\":null}");
            } else {
                respond(x, 404, "{\"type\":\"https://forecourt.dev/problems/not-found\",\"status\":404}");
            }
            return;
        }
        JsonNode body = JSON.readTree(x.getRequestBody());
        if (path.equals("/api/customers/resolve")) {
            String phone = body.path("phone").asText(null);
            if (phone != null && !phone.replaceAll("[\\s-]", "").replaceFirst("^\\+86", "").matches("1[3-9][0-9]{9}")) {
                respond(x, 422, "{\"type\":\"https://forecourt.dev/problems/validation\",\"title\":\"Request is not valid\","
                        + "\"status\":422,\"errors\":[{\"field\":\"phone\",\"rule\":\"MainlandMobile\","
                        + "\"message\":\"must be a mainland mobile number: 11 digits starting with 1\"}]}");
                return;
            }
            UUID id = customerFor(phone);
            respond(x, 201, "{\"customerId\":\"" + id + "\",\"storeId\":\"" + body.path("storeId").asText()
                    + "\",\"created\":true,\"matchedOn\":null}");
        } else if (path.equals("/api/customers")) {
            UUID id = customerFor(body.path("emails").path(0).asText());
            respond(x, 201, "{\"id\":\"" + id + "\",\"masked\":true}");
        } else {
            respond(x, 404, "{}");
        }
    }

    private static void respond(HttpExchange x, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }
}

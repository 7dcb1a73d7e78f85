package dev.handoff.samples.sut;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The system under test of the samples: a tiny shop served over HTTP on 127.0.0.1 and a random
 * port, standing in for the live environment that Handoff suites normally test.
 *
 * <ul>
 *   <li>{@code GET /health}: {@code {"status":"up"}}
 *   <li>{@code POST /orders} with {@code {"customer":"ada","item":"tea","quantity":2}}: 201, the
 *       order, and its path in {@code Location}; 400 with {@code {"error":...}} when invalid
 *   <li>{@code GET /orders/{id}}: the order, or 404
 *   <li>{@code GET /recommendations}: the featured item; flaky, its first {@link
 *       Options#recommendationFailures()} calls answer 503
 *   <li>{@code GET /reports/sales}: order and item counts; slow, it takes {@link
 *       Options#reportDelay()}
 * </ul>
 *
 * Orders live in memory, so every shop starts empty.
 */
public final class Shop implements AutoCloseable {

    /**
     * How degraded the shop is.
     *
     * @param recommendationFailures how many first calls of {@code GET /recommendations} fail
     * @param reportDelay how long {@code GET /reports/sales} takes
     */
    public record Options(int recommendationFailures, Duration reportDelay) {

        public Options {
            if (recommendationFailures < 0) {
                throw new IllegalArgumentException(
                        "recommendationFailures must not be negative: " + recommendationFailures);
            }
            if (reportDelay.isNegative()) {
                throw new IllegalArgumentException("reportDelay must not be negative: " + reportDelay);
            }
        }

        /** Every endpoint answers at once. */
        public static Options healthy() {
            return new Options(0, Duration.ZERO);
        }
    }

    private static final Pattern ORDER_ROUTE = Pattern.compile("GET /orders/(\\d{1,18})");

    private final Options options;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<Long, Order> orders = new ConcurrentHashMap<>();
    private final AtomicLong orderIds = new AtomicLong();
    private final AtomicInteger recommendationCalls = new AtomicInteger();
    private final java.util.Set<String> traceIds = ConcurrentHashMap.newKeySet();
    private static final System.Logger LOG = System.getLogger(Shop.class.getName());
    private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-[0-9a-f]{2}");

    private Shop(Options options) throws IOException {
        this.options = Objects.requireNonNull(options, "options");
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
    }

    /** Starts a shop on a free port. */
    public static Shop start(Options options) throws IOException {
        Shop shop = new Shop(options);
        shop.server.start();
        return shop;
    }

    /** The shop's base address, such as {@code http://127.0.0.1:41234}. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Stops serving; requests still being handled (a slow report) are interrupted and go unanswered. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * The trace ids of the requests that came with a W3C {@code traceparent}: as a service
     * instrumented with OpenTelemetry would, the shop continues its caller's trace (here it only
     * logs the trace id with the request, which is what links its logs to the test's trace).
     */
    public java.util.Set<String> traceIds() {
        return java.util.Set.copyOf(traceIds);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String traceparent = exchange.getRequestHeaders().getFirst("traceparent");
        Matcher trace = traceparent == null ? null : TRACEPARENT.matcher(traceparent.trim());
        if (trace != null && trace.matches()) {
            traceIds.add(trace.group(1));
            LOG.log(
                    System.Logger.Level.INFO,
                    "{0} {1} trace_id={2} parent_span_id={3}",
                    exchange.getRequestMethod(),
                    exchange.getRequestURI().getPath(),
                    trace.group(1),
                    trace.group(2));
        }
        try (exchange) {
            Response response;
            try {
                response = route(exchange);
            } catch (IllegalArgumentException e) {
                response = Response.error(400, e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
            byte[] body = response.body().getBytes(UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (response.location() != null) {
                exchange.getResponseHeaders().set("Location", response.location());
            }
            exchange.sendResponseHeaders(response.status(), body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private Response route(HttpExchange exchange) throws IOException, InterruptedException {
        String route =
                exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
        Matcher order = ORDER_ROUTE.matcher(route);
        if (order.matches()) {
            return order(Long.parseLong(order.group(1)));
        }
        return switch (route) {
            case "GET /health" -> Response.json(200, Json.write(Map.of("status", "up")));
            case "POST /orders" ->
                placeOrder(new String(exchange.getRequestBody().readAllBytes(), UTF_8));
            case "GET /recommendations" -> recommendation();
            case "GET /reports/sales" -> salesReport();
            default -> Response.error(404, "no route for " + route);
        };
    }

    private Response placeOrder(String body) {
        Map<String, String> fields = Json.parse(body);
        String customer = required(fields, "customer");
        String item = required(fields, "item");
        int quantity;
        try {
            quantity = Integer.parseInt(required(fields, "quantity"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("quantity must be a whole number");
        }
        if (quantity < 1) {
            throw new IllegalArgumentException("quantity must be at least 1");
        }
        long id = orderIds.incrementAndGet();
        Order placed = new Order(id, customer, item, quantity, "created");
        orders.put(id, placed);
        return new Response(201, placed.toJson(), "/orders/" + id);
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private Response order(long id) {
        Order found = orders.get(id);
        return found == null ? Response.error(404, "no order " + id) : Response.json(200, found.toJson());
    }

    private Response recommendation() {
        int call = recommendationCalls.incrementAndGet();
        if (call <= options.recommendationFailures()) {
            return Response.error(
                    503,
                    "recommendations unavailable (call %d of %d failing)"
                            .formatted(call, options.recommendationFailures()));
        }
        return Response.json(200, Json.write(Map.of("item", "tea")));
    }

    private Response salesReport() throws InterruptedException {
        Thread.sleep(options.reportDelay());
        int items = orders.values().stream().mapToInt(Order::quantity).sum();
        return Response.json(200, Json.write(Map.of("orders", orders.size(), "items", items)));
    }

    private record Response(int status, String body, String location) {

        static Response json(int status, String body) {
            return new Response(status, body, null);
        }

        static Response error(int status, String message) {
            return new Response(status, Json.write(Map.of("error", message)), null);
        }
    }
}

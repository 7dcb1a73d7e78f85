package dev.handoff.daemon.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the daemon's REST API on 127.0.0.1: canned answers per method and raw path, the
 * last one repeated (a run that stays running), and a record of what it was asked.
 */
final class FakeDaemon implements AutoCloseable {

    record Reply(int status, String contentType, String body) {

        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body);
        }

        static Reply problem(int status, String detail) {
            return new Reply(
                    status,
                    "application/problem+json",
                    "{\"title\":\"Error\",\"status\":%d,\"detail\":\"%s\",\"parameter\":null}"
                            .formatted(status, detail));
        }
    }

    record Request(String method, String path, String contentType, String idempotencyKey, String body) {}

    private final HttpServer server;
    private final Map<String, Deque<Reply>> replies = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeDaemon() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    static FakeDaemon start() throws IOException {
        return new FakeDaemon();
    }

    /** Answers {@code method path} with the replies in turn, then with the last one for ever. */
    FakeDaemon on(String method, String path, Reply... answers) {
        replies.put(method + " " + path, new ArrayDeque<>(List.of(answers)));
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        requests.add(new Request(
                method,
                path,
                exchange.getRequestHeaders().getFirst("Content-Type"),
                exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                body));
        Deque<Reply> queue = replies.get(method + " " + path);
        Reply reply = queue == null
                ? Reply.problem(404, "no route " + method + " " + path)
                : queue.size() > 1 ? queue.poll() : queue.peek();
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.gatehouse.crawl;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A web site on 127.0.0.1 that crawl tests serve themselves: pages are registered by path, and the
 * site counts the requests each path received.
 */
public final class TestSite implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, HttpHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();

    public TestSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::dispatch);
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Serves {@code path} exactly (not its sub-paths). */
    public TestSite on(String path, HttpHandler handler) {
        handlers.put(path, handler);
        return this;
    }

    /** Every request is counted, unknown paths too (they answer 404), so a test sees any fetch it did not expect. */
    private void dispatch(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        hits.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        try {
            HttpHandler handler = handlers.get(path);
            if (handler == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                handler.handle(exchange);
            }
        } finally {
            exchange.close();
        }
    }

    /** An HTML page whose body links to each of {@code hrefs}. */
    public TestSite page(String path, String title, String... hrefs) {
        StringBuilder html = new StringBuilder("<!doctype html><html lang=\"en\"><head><title>").append(title)
                .append("</title><meta name=\"description\" content=\"About ").append(title).append("\"></head><body><main><h1>")
                .append(title).append("</h1><p>Some text on ").append(title).append(".</p><ul>");
        for (String href : hrefs) {
            html.append("<li><a href=\"").append(href).append("\">").append(href).append("</a></li>");
        }
        String body = html.append("</ul></main></body></html>").toString();
        return on(path, exchange -> send(exchange, 200, "text/html; charset=utf-8", body));
    }

    public int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    public Map<String, Integer> allHits() {
        Map<String, Integer> copy = new java.util.TreeMap<>();
        hits.forEach((path, count) -> copy.put(path, count.get()));
        return copy;
    }

    public static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

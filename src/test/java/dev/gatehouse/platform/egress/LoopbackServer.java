package dev.gatehouse.platform.egress;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/** A JDK HTTP server on a loopback address and a free port, counting the requests it answers. */
final class LoopbackServer implements AutoCloseable {

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private LoopbackServer(HttpServer server) {
        this.server = server;
    }

    static LoopbackServer start(String address, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        return new LoopbackServer(server);
    }

    static LoopbackServer start() throws IOException {
        return start("127.0.0.1", 0);
    }

    LoopbackServer on(String path, HttpHandler handler) {
        server.createContext(path, exchange -> {
            requests.incrementAndGet();
            try (exchange) {
                handler.handle(exchange);
            }
        });
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    URI url(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    int requests() {
        return requests.get();
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static void redirect(HttpExchange exchange, int status, String location) throws IOException {
        exchange.getResponseHeaders().set("Location", location);
        exchange.sendResponseHeaders(status, -1);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

package dev.gatehouse.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.gatehouse.GatehouseApplication;

/**
 * Gatehouse as an operating system process of its own, started from the test classpath, so a test
 * can kill it the way a crash or the OOM killer would ({@code kill -9}): no shutdown hook, no
 * graceful stop, no last checkpoint. The server picks a free port ({@code --server.port=0}) and the
 * port is read from its log, so parallel builds never race for one.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern STARTED = Pattern.compile("started on port (\\d+)", Pattern.CASE_INSENSITIVE);
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private final Process process;
    private final Path log;
    private final int port;

    private ServerProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts a server with {@code settings} ({@code --name=value}) and waits until it answers. */
    public static ServerProcess start(List<String> settings) throws IOException {
        Path log = Files.createTempFile("gatehouse-process-", ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                GatehouseApplication.class.getName(), "--server.port=0", "--server.address=127.0.0.1"));
        command.addAll(settings);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int port = await().atMost(STARTUP).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the server exited at start:\n" + tail(log));
                        }
                        return port(log);
                    }, Optional::isPresent).orElseThrow();
            ServerProcess server = new ServerProcess(process, log, port);
            await().atMost(STARTUP).until(() -> server.api().get("/health/ready", null).status() == 200);
            return server;
        } catch (RuntimeException | Error e) {
            process.destroyForcibly();
            throw e;
        }
    }

    private static Optional<Integer> port(Path log) throws IOException {
        Matcher matcher = STARTED.matcher(Files.readString(log));
        return matcher.find() ? Optional.of(Integer.parseInt(matcher.group(1))) : Optional.empty();
    }

    public Api api() {
        return new Api(port);
    }

    /** SIGKILL, and waits until the process is gone so nothing it held is still being written. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The end of the server's log, for a failure message. */
    public String logTail() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        kill();
    }
}

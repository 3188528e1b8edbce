package dev.gatehouse.ratelimit.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;

/**
 * A Lua script from this package's resources, run by its SHA-1 ({@code EVALSHA}) so only the
 * digest crosses the wire; after a Redis restart forgets it, the first call sends it whole.
 */
final class LuaScript {

    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1Hex(source);
    }

    static LuaScript load(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name);
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the script and waits at most {@code timeoutMillis}; any failure is thrown as {@link RedisUnavailable}. */
    List<Object> run(RedisAsyncCommands<String, String> redis, long timeoutMillis, String[] keys, String... args) {
        try {
            try {
                return redis.<List<Object>>evalsha(sha, ScriptOutputType.MULTI, keys, args)
                        .get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RedisNoScriptException)) {
                    throw e;
                }
                return redis.<List<Object>>eval(source, ScriptOutputType.MULTI, keys, args)
                        .get(timeoutMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisUnavailable(e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new RedisUnavailable(e);
        }
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }
}

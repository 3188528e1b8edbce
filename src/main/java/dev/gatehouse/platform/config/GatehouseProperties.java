package dev.gatehouse.platform.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every platform setting under {@code gatehouse.*}. Each one is settable from the environment
 * ({@code GATEHOUSE_DATA_DIR} binds {@code gatehouse.data-dir}) and from the optional YAML file
 * named by {@code GATEHOUSE_CONFIG}; docs/configuration.md lists them all.
 */
@ConfigurationProperties("gatehouse")
public record GatehouseProperties(
        @DefaultValue("dev") Environment env,
        @DefaultValue("./data") Path dataDir,
        @Nullable String masterKey,
        @DefaultValue Database database,
        @DefaultValue Redis redis,
        @DefaultValue List<String> trustedProxies,
        @DefaultValue Http http,
        @DefaultValue Log log) {

    public enum Environment { dev, prod }

    /** Empty {@code url} means the embedded SQLite database under the data directory. */
    public record Database(
            @Nullable String url,
            @Nullable String user,
            @Nullable String password,
            @DefaultValue("10") int poolSize,
            @DefaultValue("5s") Duration sqliteBusyTimeout) {

        public boolean external() {
            return url != null && !url.isBlank();
        }
    }

    /** Empty {@code url} means no Redis: shared state stays in process (embedded mode). */
    public record Redis(@Nullable String url, @DefaultValue("2s") Duration timeout) {

        public boolean configured() {
            return url != null && !url.isBlank();
        }
    }

    public record Http(
            @DefaultValue("1MB") DataSize maxBodySize,
            @DefaultValue("100") int maxHeaders,
            @DefaultValue("64") int maxJsonDepth,
            @DefaultValue("262144") int maxJsonStringLength,
            @DefaultValue("100") int maxJsonNumberLength,
            @DefaultValue("1s") Duration slowRequestThreshold,
            @DefaultValue List<String> corsAllowedOrigins) {
    }

    /** Unset {@code format} means json in prod and text in dev (see {@link LogFormatDefault}). */
    public record Log(@Nullable String format, @Nullable String file) {
    }

    public boolean clusterMode() {
        return redis.configured();
    }
}

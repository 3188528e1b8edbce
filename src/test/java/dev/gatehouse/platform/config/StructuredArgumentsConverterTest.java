package dev.gatehouse.platform.config;

import static net.logstash.logback.argument.StructuredArguments.kv;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;

class StructuredArgumentsConverterTest {

    private final StructuredArgumentsConverter converter = new StructuredArgumentsConverter();

    @Test
    void writesTheArgumentsTheMessageHasNoPlaceholderFor() {
        assertThat(converter.convert(event("claim failed", kv("error", "SQLITE_BUSY"), kv("items", 3))))
                .isEqualTo(" error=SQLITE_BUSY items=3");
        assertThat(converter.convert(event("job {} failed", kv("job", "j1"), kv("error", "boom"))))
                .isEqualTo(" error=boom");
    }

    @Test
    void writesNothingForAPlainMessageOrPlainArguments() {
        assertThat(converter.convert(event("started"))).isEmpty();
        assertThat(converter.convert(event("request {}", "GET", "extra"))).isEmpty();
    }

    private static LoggingEvent event(String message, Object... arguments) {
        LoggerContext context = new LoggerContext();
        return new LoggingEvent(StructuredArgumentsConverterTest.class.getName(), context.getLogger("test"),
                Level.WARN, message, null, arguments);
    }
}

package dev.gatehouse.platform.config;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import net.logstash.logback.argument.StructuredArgument;

/**
 * {@code %kv} in the text log pattern: the {@code kv(...)} arguments a message has no placeholder
 * for, as {@code key=value}. The JSON encoder writes them as fields; without this the text format
 * would drop them, and a warning would say "claim failed" without saying why.
 */
public final class StructuredArgumentsConverter extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        Object[] arguments = event.getArgumentArray();
        if (arguments == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (int i = placeholders(event.getMessage()); i < arguments.length; i++) {
            if (arguments[i] instanceof StructuredArgument argument) {
                text.append(' ').append(argument);
            }
        }
        return text.toString();
    }

    private static int placeholders(String message) {
        int count = 0;
        for (int at = message.indexOf("{}"); at >= 0; at = message.indexOf("{}", at + 2)) {
            count++;
        }
        return count;
    }
}

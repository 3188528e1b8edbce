package dev.gatehouse.ratelimit.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

import dev.gatehouse.ratelimit.store.Bandwidth;

/**
 * Bandwidths as people write them: {@code 600/1m} (a burst of 600, refilled at 600 a minute) in
 * settings and environment variables, and in an organization's overrides also
 * {@code {"capacity": 600, "period": "1m"}} or a list of either. Periods take the usual duration
 * forms ({@code 1m}, {@code 30s}, {@code PT1M}); a bare number in an override is seconds.
 */
@Component
@ConfigurationPropertiesBinding
class BandwidthFormat implements Converter<String, Bandwidth> {

    @Override
    public Bandwidth convert(String source) {
        return parse(source);
    }

    static Bandwidth parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 1) {
            throw new IllegalArgumentException("a bandwidth is written <capacity>/<period>, e.g. 600/1m");
        }
        return new Bandwidth(Long.parseLong(text.substring(0, slash).strip()),
                DurationStyle.detectAndParse(text.substring(slash + 1).strip()));
    }

    /** One override value as JSON gave it; an {@link IllegalArgumentException} names what is wrong. */
    static List<Bandwidth> fromJson(Object value) {
        List<Bandwidth> bandwidths = new ArrayList<>();
        for (Object item : value instanceof List<?> list ? list : List.of(value)) {
            bandwidths.add(switch (item) {
                case String text -> parse(text);
                case Map<?, ?> map -> new Bandwidth(capacity(map.get("capacity")), period(map.get("period")));
                default -> throw new IllegalArgumentException("a bandwidth is \"600/1m\" or {\"capacity\": 600, \"period\": \"1m\"}");
            });
        }
        if (bandwidths.isEmpty()) {
            throw new IllegalArgumentException("an override needs at least one bandwidth");
        }
        return List.copyOf(bandwidths);
    }

    private static long capacity(Object value) {
        if (value instanceof Number number && number.doubleValue() == number.longValue()) {
            return number.longValue();
        }
        throw new IllegalArgumentException("capacity must be a whole number");
    }

    private static Duration period(Object value) {
        return switch (value) {
            case Number seconds when seconds.doubleValue() == seconds.longValue() -> Duration.ofSeconds(seconds.longValue());
            case String text -> DurationStyle.detectAndParse(text.strip());
            case null, default -> throw new IllegalArgumentException("period must be a duration such as \"1m\"");
        };
    }
}

package dev.gatehouse.audit.internal;

import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code details} column: JSON text with every object's keys sorted, written once when a
 * record is appended and hashed verbatim afterwards. A private mapper keeps it independent of
 * the application's wire settings (naming strategy, inclusion), which may change over time.
 */
public final class DetailsJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .build();

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private DetailsJson() {
    }

    public static String write(Map<String, Object> details) {
        return MAPPER.writeValueAsString(details);
    }

    /** The stored text as a map for display; text that is not a JSON object (tampering) shows as {@code _raw}. */
    public static Map<String, Object> read(String text) {
        try {
            Map<String, Object> details = MAPPER.readValue(text, MAP);
            return details == null ? Map.of() : details;
        } catch (RuntimeException e) {
            return Map.of("_raw", text);
        }
    }
}

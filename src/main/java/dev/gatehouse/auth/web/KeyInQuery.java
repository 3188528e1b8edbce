package dev.gatehouse.auth.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.gatehouse.auth.apikey.ApiKeyFormat;

/**
 * Finds an API key in a query string, which is refused before anything else happens. The raw query
 * is parsed here instead of through {@code getParameter}, which would also read a form body.
 *
 * <p>A value counts as a key when it has a valid checksum whatever the parameter is called, or when
 * it merely starts with {@code gk_} under a name a key would be sent as ({@code api_key},
 * {@code apikey}, {@code api-key}, {@code key}): a mistyped key there is still someone's key.
 */
final class KeyInQuery {

    private static final Set<String> KEY_NAMES = Set.of("api_key", "apikey", "api-key", "key");

    private KeyInQuery() {
    }

    /** Which parameter carried the key, and the key's visible prefix (never the key). */
    record Found(String parameter, String prefix) {
    }

    static @Nullable Found find(@Nullable String query) {
        if (query == null || !query.contains(ApiKeyFormat.PREFIX)) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            if (ApiKeyFormat.looksValid(name)) {
                return new Found("(name)", ApiKeyFormat.visiblePrefix(name));
            }
            boolean keyName = KEY_NAMES.contains(name.toLowerCase(Locale.ROOT));
            if (value.startsWith(ApiKeyFormat.PREFIX) && (keyName || ApiKeyFormat.looksValid(value))) {
                return new Found(name.length() <= 64 ? name : name.substring(0, 64), ApiKeyFormat.visiblePrefix(value));
            }
        }
        return null;
    }

    /** A malformed escape is kept as sent: the check must not be dodged by breaking the encoding elsewhere. */
    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}

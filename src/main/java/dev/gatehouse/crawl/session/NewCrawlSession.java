package dev.gatehouse.crawl.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A session to create, as a client asked for it; {@link CrawlSessionService#create} checks the values.
 *
 * @param headers    extra request headers, in order
 * @param ttlSeconds null for the default TTL
 * @param cookies    the jar's first cookies (a login done elsewhere, a consent cookie)
 */
public record NewCrawlSession(@Nullable String group, Map<String, String> headers, @Nullable Long ttlSeconds,
        List<SessionCookie> cookies) {

    public NewCrawlSession {
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        cookies = List.copyOf(cookies);
    }
}

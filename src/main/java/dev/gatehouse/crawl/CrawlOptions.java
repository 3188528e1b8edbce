package dev.gatehouse.crawl;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import dev.gatehouse.crawl.extract.Format;
import dev.gatehouse.crawl.extract.InvalidUrlPatternException;
import dev.gatehouse.crawl.extract.UrlNormalizer;
import dev.gatehouse.crawl.extract.UrlPatterns;
import dev.gatehouse.jobs.JobValidation;

/**
 * A crawl's parameters, read strictly: every wrong or unknown field is a 400 naming it, so a worker
 * never meets a crawl it cannot run. The same fields are a job's {@code params} and the sync API's
 * {@code options}; only the prefix of the names in errors differs.
 *
 * @param seeds    the start URLs, normalised, without repeats, in the order given
 * @param delay    the least time between two request starts on one host (robots.txt may ask for more)
 * @param sitemaps whether the seeds' hosts' sitemaps add pages at depth 1
 */
public record CrawlOptions(List<URI> seeds, int maxDepth, int maxPages, boolean sameDomain, UrlPatterns patterns,
        boolean respectRobots, int perHostConcurrency, Duration delay, Set<Format> formats, @Nullable String sessionId,
        boolean sitemaps) {

    /** What a crawl keeps of each page when it does not say. */
    public static final Set<Format> DEFAULT_FORMATS = Set.of(Format.MARKDOWN, Format.LINKS, Format.METADATA);

    private static final Set<String> FIELDS = Set.of("urls", "max_depth", "max_pages", "same_domain", "include_patterns",
            "exclude_patterns", "respect_robots", "per_host_concurrency", "delay_ms", "formats", "session_id", "sitemaps");
    private static final int MAX_SESSION_ID_LENGTH = 64;

    public CrawlOptions {
        seeds = List.copyOf(seeds);
        formats = Set.copyOf(formats);
    }

    /**
     * Reads a crawl.
     *
     * @param fields  the object holding every field but, for the sync API, {@code urls}
     * @param urls    the {@code urls} array
     * @param prefix  how error names start: {@code params.} or {@code options.}
     * @param urlsName the name of {@code urls} in errors
     * @param maxUrls  how many URLs this caller may give
     */
    public static CrawlOptions read(JsonNode fields, JsonNode urls, String prefix, String urlsName, int maxUrls,
            CrawlProperties limits) {
        if (!fields.isObject() && !fields.isMissingNode() && !fields.isNull()) {
            throw JobValidation.invalid(prefix.substring(0, prefix.length() - 1), "must be an object");
        }
        for (var field : fields.properties()) {
            String name = field.getKey();
            if (!FIELDS.contains(name) || prefix.equals("options.") && name.equals("urls")) {
                throw JobValidation.invalid(prefix + name, "is not a crawl option");
            }
        }
        Reader read = new Reader(fields, prefix);
        return new CrawlOptions(seeds(urls, urlsName, maxUrls),
                read.whole("max_depth", 0, limits.maxDepth(), limits.defaultMaxDepth()),
                read.whole("max_pages", 1, limits.maxPages(), limits.defaultMaxPages()),
                read.flag("same_domain", true),
                patterns(read),
                read.flag("respect_robots", true),
                read.whole("per_host_concurrency", 1, limits.maxPerHostConcurrency(), limits.defaultPerHostConcurrency()),
                Duration.ofMillis(read.whole("delay_ms", 0, (int) Math.min(Integer.MAX_VALUE, limits.maxDelay().toMillis()), 0)),
                formats(read),
                sessionId(read),
                read.flag("sitemaps", false));
    }

    private static List<URI> seeds(JsonNode urls, String name, int maxUrls) {
        if (!urls.isArray() || urls.isEmpty() || urls.size() > maxUrls) {
            throw JobValidation.invalid(name, "must be an array of 1 to " + maxUrls + " URLs");
        }
        Set<URI> seeds = new LinkedHashSet<>();
        for (int i = 0; i < urls.size(); i++) {
            JsonNode url = urls.get(i);
            String text = url.isString() ? url.asString().strip() : "";
            String scheme = text.contains(":") ? text.substring(0, text.indexOf(':')).toLowerCase(Locale.ROOT) : "";
            URI normalised = scheme.equals("http") || scheme.equals("https") ? UrlNormalizer.normalize(text).orElse(null) : null;
            if (normalised == null) {
                throw JobValidation.invalid(name, "entry " + i + " must be an absolute http or https URL with a host, "
                        + "without user info, of at most " + UrlNormalizer.MAX_LENGTH + " characters");
            }
            seeds.add(normalised);
        }
        return List.copyOf(seeds);
    }

    private static UrlPatterns patterns(Reader read) {
        List<String> includes = read.strings("include_patterns");
        List<String> excludes = read.strings("exclude_patterns");
        try {
            return UrlPatterns.compile(includes, excludes);
        } catch (InvalidUrlPatternException e) {
            String field = e.getMessage().startsWith("include_patterns") ? "include_patterns" : "exclude_patterns";
            throw JobValidation.invalid(read.prefix() + field, e.getMessage());
        }
    }

    private static Set<Format> formats(Reader read) {
        JsonNode node = read.node("formats");
        if (node.isMissingNode() || node.isNull()) {
            return DEFAULT_FORMATS;
        }
        String wire = String.join(", ", java.util.Arrays.stream(Format.values()).map(Format::wireName).toList());
        if (!node.isArray()) {
            throw JobValidation.invalid(read.prefix() + "formats", "must be an array of " + wire);
        }
        Set<Format> formats = EnumSet.noneOf(Format.class);
        for (JsonNode format : node) {
            formats.add(Format.fromWire(format.isString() ? format.asString() : "").orElseThrow(() ->
                    JobValidation.invalid(read.prefix() + "formats", "unknown format " + abbreviated(format) + "; known: " + wire)));
        }
        return formats;
    }

    private static @Nullable String sessionId(Reader read) {
        JsonNode node = read.node("session_id");
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isString() || node.asString().isBlank() || node.asString().length() > MAX_SESSION_ID_LENGTH) {
            throw JobValidation.invalid(read.prefix() + "session_id", "must be a session id");
        }
        return node.asString();
    }

    private static String abbreviated(JsonNode node) {
        String text = node.toString();
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }

    /** Reads one typed field at a time, naming it with the prefix when it is wrong. */
    private record Reader(JsonNode fields, String prefix) {

        JsonNode node(String name) {
            return fields.path(name);
        }

        int whole(String name, int min, int max, int fallback) {
            JsonNode node = node(name);
            if (node.isMissingNode() || node.isNull()) {
                return fallback;
            }
            if (!node.isIntegralNumber() || node.asLong() < min || node.asLong() > max) {
                throw JobValidation.invalid(prefix + name, "must be a whole number from " + min + " to " + max);
            }
            return node.asInt();
        }

        boolean flag(String name, boolean fallback) {
            JsonNode node = node(name);
            if (node.isMissingNode() || node.isNull()) {
                return fallback;
            }
            if (!node.isBoolean()) {
                throw JobValidation.invalid(prefix + name, "must be true or false");
            }
            return node.asBoolean();
        }

        List<String> strings(String name) {
            JsonNode node = node(name);
            if (node.isMissingNode() || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                throw JobValidation.invalid(prefix + name, "must be an array of patterns");
            }
            List<String> strings = new ArrayList<>(node.size());
            for (JsonNode entry : node) {
                if (!entry.isString()) {
                    throw JobValidation.invalid(prefix + name, "must be an array of patterns");
                }
                strings.add(entry.asString());
            }
            return strings;
        }
    }
}

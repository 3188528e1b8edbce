package dev.gatehouse.crawl.extract;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;
import org.jspecify.annotations.Nullable;

/**
 * The facts an HTML page states about itself in markup: title, description, language, canonical URL and the
 * meta tags worth keeping. Metadata keys are the tag's {@code property} or {@code name}, lower-cased; the first
 * value of a key wins (pages repeat {@code og:image}; the first is the one sharers show).
 */
record HeadFacts(@Nullable String title, @Nullable String description, @Nullable String language,
                 @Nullable URI canonicalUrl, Map<String, String> metadata) {

    private static final Set<String> KEPT_NAMES = Set.of(
            "description", "author", "keywords", "robots", "generator", "application-name", "theme-color",
            "date", "pubdate", "publish_date", "datepublished", "datemodified", "last-modified", "news_keywords");
    private static final Evaluator CANONICAL = QueryParser.parse("link[rel~=(?i)^canonical$][href]");
    private static final int MAX_VALUE_LENGTH = 2000;
    private static final int MAX_ENTRIES = 200;

    static HeadFacts read(Document doc, URI base) {
        Map<String, String> metadata = new LinkedHashMap<>();
        String contentLanguage = null;
        for (Element meta : doc.getElementsByTag("meta")) {
            String content = meta.attr("content").strip();
            if (content.isEmpty()) {
                continue;
            }
            if (meta.attr("http-equiv").equalsIgnoreCase("content-language")) {
                contentLanguage = content;
                continue;
            }
            String key = (meta.hasAttr("property") ? meta.attr("property") : meta.attr("name")).strip().toLowerCase(Locale.ROOT);
            if (metadata.size() < MAX_ENTRIES && isKept(key)) {
                metadata.putIfAbsent(key, cut(content));
            }
        }
        Element canonicalLink = doc.selectFirst(CANONICAL);
        URI canonical = canonicalLink == null ? null : UrlNormalizer.normalize(base, canonicalLink.attr("href")).orElse(null);
        if (canonical != null) {
            metadata.putIfAbsent("canonical", canonical.toString());
        }
        String title = firstPresent(doc.title(), metadata.get("og:title"), headingText(doc));
        String description = firstPresent(metadata.get("description"), metadata.get("og:description"), null);
        String language = firstPresent(doc.getElementsByTag("html").attr("lang"), contentLanguage, null);
        return new HeadFacts(title, description, language, canonical, metadata);
    }

    private static boolean isKept(String key) {
        return key.startsWith("og:") || key.startsWith("twitter:") || key.startsWith("article:")
                || key.startsWith("dc.") || key.startsWith("dcterms.") || KEPT_NAMES.contains(key);
    }

    private static @Nullable String headingText(Document doc) {
        Element h1 = doc.getElementsByTag("h1").first();
        return h1 == null ? null : h1.text();
    }

    private static @Nullable String firstPresent(@Nullable String a, @Nullable String b, @Nullable String c) {
        for (String s : new String[] {a, b, c}) {
            if (s != null && !s.isBlank()) {
                return cut(s.strip());
            }
        }
        return null;
    }

    private static String cut(String s) {
        return s.length() > MAX_VALUE_LENGTH ? s.substring(0, MAX_VALUE_LENGTH) : s;
    }
}

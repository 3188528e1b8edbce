package dev.gatehouse.crawl.extract;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
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
    private static final int MAX_VALUE_LENGTH = 2000;
    private static final int MAX_ENTRIES = 200;

    /**
     * Gathers the facts from the elements of a page as its single walk meets them ({@link HtmlPageReader} walks once
     * for these and the links together): the first {@code <title>}, {@code <h1>}, canonical link, {@code <html lang>}
     * and each kept meta tag.
     */
    static final class Reader {

        private final Map<String, String> metadata = new LinkedHashMap<>();
        private @Nullable String title;
        private @Nullable String heading;
        private @Nullable String canonicalHref;
        private @Nullable String htmlLanguage;
        private @Nullable String contentLanguage;

        void visit(Element e) {
            switch (e.normalName()) {
                case "meta" -> meta(e);
                case "title" -> title = title == null && !insideSvg(e) ? e.text() : title;
                case "h1" -> heading = heading == null ? e.text() : heading;
                case "html" -> htmlLanguage = htmlLanguage == null ? e.attr("lang") : htmlLanguage;
                case "link" -> {
                    if (canonicalHref == null && e.hasAttr("href") && hasRel(e, "canonical")) {
                        canonicalHref = e.attr("href");
                    }
                }
                default -> {
                }
            }
        }

        /** An SVG icon's {@code <title>} names the icon, not the page (document.title skips it too). */
        private static boolean insideSvg(Element e) {
            for (Element parent = e.parent(); parent != null; parent = parent.parent()) {
                if (parent.nameIs("svg")) {
                    return true;
                }
            }
            return false;
        }

        private void meta(Element meta) {
            String content = meta.attr("content").strip();
            if (content.isEmpty()) {
                return;
            }
            if (meta.attr("http-equiv").equalsIgnoreCase("content-language")) {
                contentLanguage = content;
                return;
            }
            String key = (meta.hasAttr("property") ? meta.attr("property") : meta.attr("name")).strip().toLowerCase(Locale.ROOT);
            if (metadata.size() < MAX_ENTRIES && isKept(key)) {
                metadata.putIfAbsent(key, cut(content));
            }
        }

        HeadFacts facts(URI base) {
            URI canonical = canonicalHref == null ? null : UrlNormalizer.normalize(base, canonicalHref).orElse(null);
            if (canonical != null) {
                metadata.putIfAbsent("canonical", canonical.toString());
            }
            String pageTitle = firstPresent(title, metadata.get("og:title"), heading);
            String description = firstPresent(metadata.get("description"), metadata.get("og:description"), null);
            String language = firstPresent(htmlLanguage, contentLanguage, null);
            return new HeadFacts(pageTitle, description, language, canonical, metadata);
        }
    }

    /** Whether the element's {@code rel} lists {@code value} (rel is a set of space-separated, case-insensitive tokens). */
    static boolean hasRel(Element e, String value) {
        String rel = e.attr("rel");
        if (rel.isEmpty()) {
            return false;
        }
        for (String token : rel.split("\\s+")) {
            if (token.equalsIgnoreCase(value)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isKept(String key) {
        return key.startsWith("og:") || key.startsWith("twitter:") || key.startsWith("article:")
                || key.startsWith("dc.") || key.startsWith("dcterms.") || KEPT_NAMES.contains(key);
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

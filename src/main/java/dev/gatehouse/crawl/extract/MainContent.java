package dev.gatehouse.crawl.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;
import org.jspecify.annotations.Nullable;

/**
 * Finds the part of a page that is its content, after stripping what is not.
 *
 * <p>Stripped first: scripts, styles, form controls, frames, SVG and other embedded objects; forms (search boxes,
 * sign-ups) unless they hold the page's {@code <h1>} or article; hidden elements ({@code hidden},
 * {@code aria-hidden=true}, inline {@code display:none}/{@code visibility:hidden}); cookie and consent banners (an
 * id or class naming cookie/consent/gdpr, unless the element holds the article itself); and site chrome (nav,
 * aside, and header/footer outside the article, whose own header often holds its title). The {@code <body>} itself
 * is never stripped, however it is marked: pages hide it with inline styles until their scripts have run.
 *
 * <p>Then the content is the page's {@code <main>} or {@code [role=main]}, else its {@code <article>} (of
 * several, the longest if it holds most of their text, else the element holding them all, as on a listing
 * page), else the element found by a text-density score in the manner of Readability: each paragraph of 25+ characters adds its length to its parent and half to its grandparent, and
 * the best container, discounted by the share of its text inside links, wins. With no such paragraph, the body.
 */
final class MainContent {

    private static final Set<String> NEVER_CONTENT_TAGS = Set.of("script", "style", "noscript", "template", "iframe",
            "frame", "frameset", "object", "embed", "canvas", "svg", "math", "button", "input", "select", "textarea",
            "dialog", "nav", "aside");
    private static final Set<String> NEVER_CONTENT_ROLES = Set.of("navigation", "complementary", "banner", "contentinfo");
    private static final Evaluator CONTENT_ROOTS = QueryParser.parse("main, [role=main], article");
    private static final Evaluator FORM_WITH_CONTENT = QueryParser.parse("h1, main, [role=main], article");
    private static final Evaluator PARAGRAPHS = QueryParser.parse("p, pre");
    private static final int MIN_PARAGRAPH = 25;
    /** The share of all articles' text the longest must hold to be the content alone. */
    private static final double DOMINANT_SHARE = 0.6;

    private MainContent() {
    }

    /** Strips the page's non-content in place (call after links and metadata were read) and returns the content. */
    static Element extract(Document doc) {
        Stripper stripper = new Stripper(doc.body());
        NodeTraversor.filter(stripper, doc);
        for (Element e : stripper.stripped) {
            e.remove();
        }
        if (stripper.main != null) {
            return stripper.main;
        }
        if (!stripper.articles.isEmpty()) {
            return stripper.articles.size() == 1 ? stripper.articles.getFirst() : ofArticles(stripper.articles);
        }
        return densest(doc);
    }

    /**
     * One walk over the page that marks what is not content (removed after the walk, so the walk never sees a
     * changed tree) and notes the first {@code <main>} and the articles that stay. The checks are by tag name and
     * attribute value, not by selector: a selector of two dozen alternatives, three of them regular expressions,
     * run against every element cost a tenth of the extraction time.
     */
    private static final class Stripper implements NodeFilter {

        private final Element body;
        private final List<Element> stripped = new ArrayList<>();
        private final List<Element> articles = new ArrayList<>();
        private @Nullable Element main;
        private int openContentRoots;

        Stripper(Element body) {
            this.body = body;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (!(node instanceof Element e) || e == body || e.parent() == null || e.nameIs("html")) {
                return FilterResult.CONTINUE;
            }
            if (isNeverContent(e) || isBanner(e) || isChrome(e) || isSmallForm(e)) {
                stripped.add(e);
                return FilterResult.SKIP_ENTIRELY;
            }
            if (isContentRoot(e)) {
                openContentRoots++;
                if (e.nameIs("article")) {
                    articles.add(e);
                } else if (main == null) {
                    main = e;
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (node instanceof Element e && e != body && isContentRoot(e)) {
                openContentRoots--;
            }
            return FilterResult.CONTINUE;
        }

        /** Site header and footer: those outside the article (its own header often holds its title). */
        private boolean isChrome(Element e) {
            return openContentRoots == 0 && (e.nameIs("header") || e.nameIs("footer"));
        }
    }

    private static boolean isContentRoot(Element e) {
        return e.nameIs("main") || e.nameIs("article") || e.attr("role").equals("main");
    }

    private static boolean isNeverContent(Element e) {
        if (NEVER_CONTENT_TAGS.contains(e.normalName())) {
            return true;
        }
        if (e.attributesSize() == 0) {
            return false;
        }
        return e.hasAttr("hidden") || e.attr("aria-hidden").equalsIgnoreCase("true")
                || NEVER_CONTENT_ROLES.contains(e.attr("role").toLowerCase(Locale.ROOT)) || isStyledHidden(e.attr("style"));
    }

    private static boolean isStyledHidden(String style) {
        if (style.isEmpty()) {
            return false;
        }
        String compact = style.replace(" ", "").toLowerCase(Locale.ROOT);
        return compact.contains("display:none") || compact.contains("visibility:hidden");
    }

    /** A cookie or consent banner: an id or class naming cookie/consent/gdpr, unless it holds the article itself. */
    private static boolean isBanner(Element e) {
        return (namesBanner(e.id()) || namesBanner(e.className())) && e.selectFirst(CONTENT_ROOTS) == null;
    }

    private static boolean namesBanner(String value) {
        if (value.isEmpty()) {
            return false;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.contains("cookie") || lower.contains("consent") || lower.contains("gdpr");
    }

    /**
     * A search box or sign-up form. A form holding the page's heading or article is kept: ASP.NET WebForms pages
     * wrap their whole body in one {@code <form>}. Its controls go either way.
     */
    private static boolean isSmallForm(Element e) {
        return e.nameIs("form") && e.selectFirst(FORM_WITH_CONTENT) == null;
    }

    /**
     * Of several articles: the longest when it holds most of their text (a story beside teasers of others), else
     * the nearest element holding them all (a listing page, whose content is every teaser).
     */
    private static Element ofArticles(List<Element> articles) {
        Element longest = articles.getFirst();
        int longestLength = -1;
        long total = 0;
        for (Element article : articles) {
            if (isInsideAnother(article)) {
                continue; // comments marked up as articles inside the story
            }
            int length = article.text().length();
            total += length;
            if (length > longestLength) {
                longest = article;
                longestLength = length;
            }
        }
        return longestLength >= total * DOMINANT_SHARE ? longest : commonAncestor(articles);
    }

    /** Every article left in the page is in the list (the stripped ones went with their ancestors). */
    private static boolean isInsideAnother(Element article) {
        for (Element parent = article.parent(); parent != null; parent = parent.parent()) {
            if (parent.nameIs("article")) {
                return true;
            }
        }
        return false;
    }

    /** Moves up only as far as each next element needs: linear in elements times depth. */
    private static Element commonAncestor(List<Element> elements) {
        Element ancestor = elements.getFirst().parent();
        for (Element e : elements) {
            while (ancestor != null && !isAncestor(ancestor, e)) {
                ancestor = ancestor.parent();
            }
        }
        return ancestor == null || ancestor instanceof Document ? elements.getFirst().ownerDocument().body() : ancestor;
    }

    private static boolean isAncestor(Element ancestor, Element e) {
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p == ancestor) {
                return true;
            }
        }
        return false;
    }

    private static Element densest(Document doc) {
        Map<Element, Double> scores = new IdentityHashMap<>();
        for (Element paragraph : doc.body().select(PARAGRAPHS)) {
            int length = paragraph.text().length();
            Element parent = paragraph.parent();
            if (length < MIN_PARAGRAPH || parent == null) {
                continue;
            }
            scores.merge(parent, (double) length, Double::sum);
            Element grandparent = parent.parent();
            if (grandparent != null && grandparent != doc) {
                scores.merge(grandparent, length / 2.0, Double::sum);
            }
        }
        Element best = doc.body();
        double bestScore = 0;
        for (Map.Entry<Element, Double> entry : scores.entrySet()) {
            if (entry.getValue() <= bestScore) {
                continue; // discounting can only lower a score, so a lower raw score cannot win
            }
            double score = entry.getValue() * (1 - linkDensity(entry.getKey()));
            if (score > bestScore) {
                best = entry.getKey();
                bestScore = score;
            }
        }
        return best;
    }

    private static double linkDensity(Element element) {
        int total = element.text().length();
        if (total == 0) {
            return 1;
        }
        int linked = 0;
        for (Element a : element.getElementsByTag("a")) {
            linked += a.text().length();
        }
        return Math.min(1, (double) linked / total);
    }
}

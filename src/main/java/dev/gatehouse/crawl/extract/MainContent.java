package dev.gatehouse.crawl.extract;

import java.util.IdentityHashMap;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Finds the part of a page that is its content, after stripping what is not.
 *
 * <p>Stripped first: scripts, styles, forms, frames, SVG and other embedded objects; hidden elements
 * ({@code hidden}, {@code aria-hidden=true}, inline {@code display:none}/{@code visibility:hidden}); cookie and
 * consent banners (an id or class naming cookie/consent/gdpr, unless the element holds the article itself); and
 * site chrome (nav, aside, and header/footer outside the article, whose own header often holds its title).
 *
 * <p>Then the content is the page's {@code <main>} or {@code [role=main]}, else its {@code <article>} (the one
 * with the most text when there are several), else the element found by a text-density score in the manner of
 * Readability: each paragraph of 25+ characters adds its length to its parent and half to its grandparent, and
 * the best container, discounted by the share of its text inside links, wins. With no such paragraph, the body.
 */
final class MainContent {

    // Selectors are parsed once: parsing them on every page cost a sixth of the extraction time.
    private static final Evaluator NEVER_CONTENT = QueryParser.parse(
            "script, style, noscript, template, form, iframe, frame, frameset, object, embed, canvas, svg, math, button, input, select, textarea, dialog, nav, aside, "
            + "[role=navigation], [role=complementary], [role=banner], [role=contentinfo], "
            + "[hidden], [aria-hidden=true], [style~=(?i)display\\s*:\\s*none|visibility\\s*:\\s*hidden]");
    private static final Evaluator BANNERS =
            QueryParser.parse("[id~=(?i)cookie|consent|gdpr], [class~=(?i)cookie|consent|gdpr]");
    private static final Evaluator CONTENT_ROOTS = QueryParser.parse("main, [role=main], article");
    private static final Evaluator MAIN = QueryParser.parse("main, [role=main]");
    private static final Evaluator CHROME = QueryParser.parse("header, footer");
    private static final Evaluator PARAGRAPHS = QueryParser.parse("p, pre");
    private static final int MIN_PARAGRAPH = 25;

    private MainContent() {
    }

    /** Strips the page's non-content in place (call after links and metadata were read) and returns the content. */
    static Element extract(Document doc) {
        doc.select(NEVER_CONTENT).remove();
        for (Element banner : doc.select(BANNERS)) {
            if (banner != doc.body() && banner.parent() != null && banner.selectFirst(CONTENT_ROOTS) == null) {
                banner.remove();
            }
        }
        for (Element chrome : doc.select(CHROME)) {
            if (chrome.closest(CONTENT_ROOTS) == null) {
                chrome.remove();
            }
        }
        return choose(doc);
    }

    private static Element choose(Document doc) {
        Element main = doc.selectFirst(MAIN);
        if (main != null) {
            return main;
        }
        Elements articles = doc.getElementsByTag("article");
        if (!articles.isEmpty()) {
            return articles.size() == 1 ? articles.getFirst() : longest(articles);
        }
        return densest(doc);
    }

    private static Element longest(Elements elements) {
        Element best = elements.getFirst();
        int bestLength = -1;
        for (Element e : elements) {
            int length = e.text().length();
            if (length > bestLength) {
                best = e;
                bestLength = length;
            }
        }
        return best;
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

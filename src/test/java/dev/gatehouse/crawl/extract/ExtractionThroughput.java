package dev.gatehouse.crawl.extract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Measurement, not a test: how many benchmark-site pages {@link PageExtractor} turns into Markdown, links and
 * metadata per second of one thread's CPU time, after a warm-up of three CPU seconds (CPU time, not wall-clock time, so that
 * other work on the machine moves the figure less; the wall-clock rate is printed beside it). The pages are those {@code bench/peers/make-site.mjs}
 * writes (header, nav, an article of twelve paragraphs, a list of links, a table, a footer; about 5 KB), read
 * from a directory when one is given, else generated here the same way. Prints
 * {@code extract_pages_per_cpu_second=…}. The crawl goal is 1,000 pages/s on two cores including fetch and storage,
 * so extraction has to cost well under a millisecond a page.
 *
 * <p>Arguments: CPU seconds to measure (default 5), then optionally the site directory.
 */
public final class ExtractionThroughput {

    private static final Set<Format> CRAWL_FORMATS = EnumSet.of(Format.MARKDOWN, Format.LINKS, Format.METADATA);

    private ExtractionThroughput() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        List<Page> pages = args.length > 1 ? read(Path.of(args[1])) : generate(200);
        PageExtractor extractor = new PageExtractor();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long warmupEnd = threads.getCurrentThreadCpuTime() + 3_000_000_000L;
        for (int i = 0; threads.getCurrentThreadCpuTime() < warmupEnd; i++) {
            sink += extract(extractor, pages.get(i % pages.size()));
        }
        long extracted = 0;
        long bytes = 0;
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long cpuEnd = cpuStart + (long) (seconds * 1e9);
        long cpuNow;
        do {
            for (Page page : pages) {
                sink += extract(extractor, page);
                bytes += page.body().length;
            }
            extracted += pages.size();
            cpuNow = threads.getCurrentThreadCpuTime();
        } while (cpuNow < cpuEnd);
        long now = System.nanoTime();
        double perCpuSecond = extracted / ((cpuNow - cpuStart) / 1e9);
        double perSecond = extracted / ((now - start) / 1e9);
        System.out.printf(Locale.ROOT, "extract_pages_per_cpu_second=%.0f (%.1f µs of CPU a page; %.0f pages/s wall clock, "
                        + "%d pages, %.1f KB average, sink %d)%n",
                perCpuSecond, 1e6 / perCpuSecond, perSecond, extracted, bytes / 1024.0 / extracted, sink);
    }

    private static long extract(PageExtractor extractor, Page page) {
        ExtractedPage extracted = extractor.extract(page.url(), "text/html; charset=utf-8", page.body(), StandardCharsets.UTF_8,
                CRAWL_FORMATS);
        return extracted.markdown().length() + extracted.links().internal().size();
    }

    private record Page(URI url, byte[] body) {
    }

    private static List<Page> read(Path site) {
        try (Stream<Path> files = Files.walk(site)) {
            List<Page> pages = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                URI url = URI.create("http://127.0.0.1:8080/" + site.relativize(file).toString().replace('\\', '/'));
                pages.add(new Page(url, Files.readAllBytes(file)));
            }
            if (pages.isEmpty()) {
                throw new IllegalArgumentException("no .html files under " + site);
            }
            return pages;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pages of {@code make-site.mjs}, built the same way (same words, same links, same structure). */
    private static List<Page> generate(int count) {
        List<Page> pages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            URI url = URI.create("http://127.0.0.1:8080" + href(i));
            pages.add(new Page(url, sitePage(i, count).getBytes(StandardCharsets.UTF_8)));
        }
        return pages;
    }

    private static final String[] WORDS = ("gatehouse crawler politeness queue lease checkpoint markdown extraction robots "
            + "sitemap latency throughput organization tenant session cookie header redirect budget retry backoff").split(" ");

    private static String sentence(int seed, int n) {
        StringBuilder s = new StringBuilder();
        for (int k = 0; k < n; k++) {
            s.append(k == 0 ? "" : " ").append(WORDS[Math.floorMod(seed * 7 + k * 13, WORDS.length)]);
        }
        return s.toString();
    }

    private static String href(int i) {
        return i == 0 ? "/index.html" : "/p/" + i + ".html";
    }

    private static String sitePage(int i, int pages) {
        List<Integer> links = new ArrayList<>();
        for (int c = 10 * i + 1; c <= 10 * i + 10 && c < pages; c++) {
            links.add(c);
        }
        links.addAll(List.of((i + 1) % pages, (i + pages - 1) % pages, (i * 31 + 7) % pages, (i * 17 + 3) % pages));
        StringBuilder html = new StringBuilder(8192).append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>Page ").append(i).append("</title>\n<meta name=\"description\" content=\"Benchmark page ")
                .append(i).append("\"><link rel=\"canonical\" href=\"").append(href(i)).append("\">\n")
                .append("<style>body{font-family:sans-serif}</style><script>window.page=").append(i).append(";</script></head>\n")
                .append("<body><header><a href=\"/index.html\">Home</a></header>\n<nav>");
        for (int l : links.subList(links.size() - 4, links.size())) {
            html.append("<a href=\"").append(href(l)).append("\">Page ").append(l).append("</a> ");
        }
        html.append("</nav>\n<main><article><h1>Page ").append(i).append("</h1>\n");
        for (int k = 0; k < 12; k++) {
            html.append("<p>").append(sentence(i + k, 40)).append(".</p>\n");
        }
        html.append("<h2>Related</h2><ul>");
        for (int l : links) {
            html.append("<li><a href=\"").append(href(l)).append("\">Page ").append(l).append("</a></li>");
        }
        html.append("</ul>\n<table><thead><tr><th>n</th><th>words</th></tr></thead><tbody>");
        for (int k = 0; k < 5; k++) {
            html.append("<tr><td>").append(k).append("</td><td>").append(sentence(i * k, 3)).append("</td></tr>");
        }
        return html.append("</tbody></table>\n</article></main>\n<footer><p>Footer of page ").append(i)
                .append("</p></footer></body></html>\n").toString();
    }
}

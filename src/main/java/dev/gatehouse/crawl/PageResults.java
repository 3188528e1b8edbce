package dev.gatehouse.crawl;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.crawl.extract.ExtractedPage;
import dev.gatehouse.crawl.extract.Format;
import dev.gatehouse.platform.egress.FetchResponse;

/**
 * A page result as the API shows it: {@code {url, final_url, status_code, content_type, title, description,
 * language, markdown?, text?, html?, links?, metadata?, depth, fetched_at, elapsed_ms, bytes, content_hash}}.
 * Title, description and language are always present (null when the page has none); the renderings,
 * links and metadata only when {@code formats} asks for them.
 */
final class PageResults {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PageResults() {
    }

    static ObjectNode of(URI url, FetchResponse response, ExtractedPage page, int depth, Set<Format> formats, Instant fetchedAt) {
        ObjectNode result = JSON.objectNode();
        result.put("url", url.toString());
        result.put("final_url", response.finalUrl().toString());
        result.put("status_code", response.status());
        result.put("content_type", response.contentType());
        result.put("title", page.title());
        result.put("description", page.description());
        result.put("language", page.language());
        optional(result, "markdown", page.markdown());
        optional(result, "text", page.text());
        optional(result, "html", page.html());
        if (formats.contains(Format.LINKS)) {
            ObjectNode links = result.putObject("links");
            links.set("internal", urls(page.links().internal()));
            links.set("external", urls(page.links().external()));
        }
        if (formats.contains(Format.METADATA)) {
            ObjectNode metadata = result.putObject("metadata");
            page.metadata().forEach(metadata::put);
            if (page.canonicalUrl() != null) {
                metadata.put("canonical_url", page.canonicalUrl().toString());
            }
        }
        result.put("depth", depth);
        result.put("fetched_at", fetchedAt.toString());
        result.put("elapsed_ms", response.elapsed().toMillis());
        result.put("bytes", response.bodyBytes());
        result.put("content_hash", page.contentHash());
        return result;
    }

    /** A page that could not be fetched, as the sync API lists it. */
    static ObjectNode failed(URI url, String code, String message) {
        ObjectNode result = JSON.objectNode();
        result.put("url", url.toString());
        ObjectNode error = result.putObject("error");
        error.put("code", code);
        error.put("message", message);
        return result;
    }

    private static void optional(ObjectNode result, String name, @Nullable String value) {
        if (value != null) {
            result.put(name, value);
        }
    }

    private static ArrayNode urls(List<URI> urls) {
        ArrayNode array = JSON.arrayNode(urls.size());
        urls.forEach(url -> array.add(url.toString()));
        return array;
    }
}

package dev.gatehouse.crawl;

import java.net.URI;

import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.crawl.extract.PageLinks;

/**
 * One page fetched and extracted: its API result, and what a crawl needs to go on from it.
 *
 * @param finalUrl where the redirects ended: the base the links were resolved against
 * @param bytes    the decoded body's length
 */
public record FetchedPage(ObjectNode result, URI finalUrl, PageLinks links, long bytes) {
}

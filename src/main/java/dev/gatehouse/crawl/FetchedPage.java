package dev.gatehouse.crawl;

import tools.jackson.databind.node.ObjectNode;

import dev.gatehouse.crawl.extract.PageLinks;

/**
 * One page fetched and extracted: its API result, and what a crawl needs to go on from it.
 *
 * @param bytes the decoded body's length
 */
public record FetchedPage(ObjectNode result, PageLinks links, long bytes) {
}

/**
 * Request inspection: a filter before authentication that looks for SQL injection, cross-site
 * scripting, OS command injection and path traversal in the path, query, headers and body, and
 * audits (mode {@code detect}) or refuses (mode {@code block}) what it finds. Scoring lives in
 * {@code detect}, the servlet side in {@code web}.
 */
@NullMarked
package dev.gatehouse.inspection;

import org.jspecify.annotations.NullMarked;

/**
 * The servlet pipeline every request crosses: request id and access log, client IP behind trusted proxies, size and shape limits, security headers, CORS, and one place that turns every error into application/problem+json.
 */
@NullMarked
package dev.gatehouse.platform.web;

import org.jspecify.annotations.NullMarked;

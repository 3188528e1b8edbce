/**
 * The built-in {@code http} job type: each item is one outbound HTTP request, made through the
 * platform's egress client (so the egress policy judges every address and every redirect), and its
 * result is the response's status, headers and capped body.
 */
@NullMarked
package dev.gatehouse.jobs.http;

import org.jspecify.annotations.NullMarked;

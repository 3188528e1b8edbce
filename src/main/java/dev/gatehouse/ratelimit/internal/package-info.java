/**
 * How limits are applied: which layers a request must pass ({@link dev.gatehouse.ratelimit.internal.LimitPlanner}),
 * the filters before and after authentication, the headers and 429 answers, and the penalties that
 * block an identity that keeps hitting a limit.
 */
@NullMarked
package dev.gatehouse.ratelimit.internal;

import org.jspecify.annotations.NullMarked;

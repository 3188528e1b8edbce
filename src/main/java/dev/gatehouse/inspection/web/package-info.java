/**
 * The servlet side of inspection: which parts of a request are inspected, the filter that runs
 * before authentication, endpoint-group modes, and the audit record and counter of each detection.
 */
@NullMarked
package dev.gatehouse.inspection.web;

import org.jspecify.annotations.NullMarked;

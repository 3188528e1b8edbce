/**
 * Ground floor shared by every capability: configuration, storage, secrets at rest, the HTTP pipeline (request ids, client IP, limits, headers, problem+json errors) and health. It depends on no capability.
 */
@NullMarked
package dev.gatehouse.platform;

import org.jspecify.annotations.NullMarked;

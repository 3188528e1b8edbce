/**
 * Gatehouse: the production layer for HTTP services. Each direct sub-package is one capability
 * (see ARCHITECTURE.md); {@code platform} is the ground floor that knows no capability.
 */
@NullMarked
package dev.gatehouse;

import org.jspecify.annotations.NullMarked;

/** Identifiers for stored records. */
@NullMarked
package dev.gatehouse.platform.ids;

import org.jspecify.annotations.NullMarked;

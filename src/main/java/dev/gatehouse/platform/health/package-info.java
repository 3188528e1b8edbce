/**
 * Health components beyond the ones Spring Boot provides (schema migrations, Redis) and the start-up summary.
 */
@NullMarked
package dev.gatehouse.platform.health;

import org.jspecify.annotations.NullMarked;

/**
 * The optional Redis connection (Lettuce) that cluster mode shares state through.
 */
@NullMarked
package dev.gatehouse.platform.redis;

import org.jspecify.annotations.NullMarked;

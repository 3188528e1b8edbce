/**
 * Typed `gatehouse.*` settings, their defaults for the environment, and the start-up check that reports every configuration problem at once.
 */
@NullMarked
package dev.gatehouse.platform.config;

import org.jspecify.annotations.NullMarked;

/**
 * The database: SQLite embedded by default or PostgreSQL, the dialect differences, and the Flyway migrations run at start-up.
 */
@NullMarked
package dev.gatehouse.platform.storage;

import org.jspecify.annotations.NullMarked;

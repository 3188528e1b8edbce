/** The rate-limit admin endpoints: blocks in force, and lifting one. */
@NullMarked
package dev.gatehouse.ratelimit.web;

import org.jspecify.annotations.NullMarked;

/**
 * The detector: a normaliser that undoes the usual encodings, then one small lexer and scorer per
 * attack category. Pure functions of a string; nothing here knows about HTTP.
 */
@NullMarked
package dev.gatehouse.inspection.detect;

import org.jspecify.annotations.NullMarked;

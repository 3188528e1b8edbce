/**
 * Brute-force protection for logins: failure counters per account and per client IP, kept in the
 * database so every node sees the same ones, with exponentially growing locks.
 */
@NullMarked
package dev.gatehouse.auth.bruteforce;

import org.jspecify.annotations.NullMarked;

/**
 * Auth's part of the request pipeline (the bearer-token filter, the endpoint guard, the principal
 * argument) and its HTTP resources: login, refresh, logout, sessions, me, password, switch-org.
 */
@NullMarked
package dev.gatehouse.auth.web;

import org.jspecify.annotations.NullMarked;

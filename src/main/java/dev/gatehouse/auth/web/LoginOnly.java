package dev.gatehouse.auth.web;

import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.web.ApiException;

/**
 * The account endpoints an API key must not reach, though they only ask for {@code @Authenticated}:
 * changing the password, switching organization (which would mint a full login session from a
 * narrowly scoped key), and listing or ending login sessions. A key is for programs calling the
 * API within its scopes; managing the person's login is for the person, logged in.
 */
final class LoginOnly {

    private LoginOnly() {
    }

    static void require(AuthenticatedPrincipal caller) {
        if (caller.apiKeyId() != null) {
            throw ApiException.forbidden("This needs a login session; API keys cannot manage the account or its sessions.");
        }
    }
}

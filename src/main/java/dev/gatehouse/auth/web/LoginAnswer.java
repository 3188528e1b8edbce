package dev.gatehouse.auth.web;

import java.util.List;

/** What {@code POST /api/v1/auth/login} answers: tokens, or a request for the second factor. */
sealed interface LoginAnswer permits TokenResponse, LoginAnswer.MfaChallenge {

    /** The password was right and the user has MFA on: {@code POST /api/v1/auth/mfa} with the token and a code. */
    record MfaChallenge(boolean mfaRequired, String mfaToken, List<String> methods) implements LoginAnswer {

        MfaChallenge(String mfaToken, List<String> methods) {
            this(true, mfaToken, methods);
        }
    }
}

package dev.gatehouse.auth.web;

import java.time.Clock;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.auth.session.PasswordLogin;
import dev.gatehouse.auth.session.RefreshTokenRotation;
import dev.gatehouse.auth.session.SecondFactorLogin;
import dev.gatehouse.platform.security.PublicEndpoint;
import dev.gatehouse.platform.web.ClientIpResolver;

/**
 * {@code POST /api/v1/auth/login}, {@code /mfa} and {@code /refresh}: the ways to get tokens without
 * having one. A login of a user with MFA on answers an {@code mfa_token}; {@code /mfa} completes it.
 */
@RestController
@RequestMapping("/api/v1/auth")
@PublicEndpoint
class LoginController {

    private final PasswordLogin login;
    private final SecondFactorLogin secondFactor;
    private final RefreshTokenRotation rotation;
    private final AccountService accounts;
    private final ClientIpResolver clientIps;
    private final Clock clock;

    LoginController(PasswordLogin login, SecondFactorLogin secondFactor, RefreshTokenRotation rotation,
            AccountService accounts, ClientIpResolver clientIps, Clock clock) {
        this.login = login;
        this.secondFactor = secondFactor;
        this.rotation = rotation;
        this.accounts = accounts;
        this.clientIps = clientIps;
        this.clock = clock;
    }

    /** Sizes are generous but bounded: the password policy's own limit is reported as a login failure. */
    record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 1024) String password,
            @Nullable @Size(max = 64) String orgId) {
    }

    /** A TOTP code is 6 digits, a backup code 10 characters with an optional hyphen; spaces are forgiven. */
    record MfaRequest(@NotBlank @Size(max = 256) String mfaToken, @NotBlank @Size(max = 32) String code) {
    }

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
    }

    @PostMapping("/login")
    LoginAnswer login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        return switch (login.login(request.email(), request.password(), request.orgId(), clientIps.resolve(http).ip(),
                http.getHeader(HttpHeaders.USER_AGENT))) {
            case PasswordLogin.LoggedIn loggedIn -> TokenResponse.of(loggedIn.tokens(), loggedIn.user(), clock);
            case PasswordLogin.MfaRequired mfa -> new LoginAnswer.MfaChallenge(mfa.mfaToken(), mfa.methods());
        };
    }

    @PostMapping("/mfa")
    TokenResponse completeWithSecondFactor(@Valid @RequestBody MfaRequest request, HttpServletRequest http) {
        PasswordLogin.LoggedIn loggedIn = secondFactor.complete(request.mfaToken(), request.code().strip(),
                clientIps.resolve(http).ip(), http.getHeader(HttpHeaders.USER_AGENT));
        return TokenResponse.of(loggedIn.tokens(), loggedIn.user(), clock);
    }

    @PostMapping("/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        var pair = rotation.refresh(request.refreshToken());
        return TokenResponse.of(pair, accounts.user(pair.userId()).orElse(null), clock);
    }
}

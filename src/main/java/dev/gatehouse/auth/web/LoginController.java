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
import dev.gatehouse.platform.security.PublicEndpoint;
import dev.gatehouse.platform.web.ClientIpResolver;

/** {@code POST /api/v1/auth/login} and {@code /refresh}: the two ways to get tokens without having one. */
@RestController
@RequestMapping("/api/v1/auth")
@PublicEndpoint
class LoginController {

    private final PasswordLogin login;
    private final RefreshTokenRotation rotation;
    private final AccountService accounts;
    private final ClientIpResolver clientIps;
    private final Clock clock;

    LoginController(PasswordLogin login, RefreshTokenRotation rotation, AccountService accounts,
            ClientIpResolver clientIps, Clock clock) {
        this.login = login;
        this.rotation = rotation;
        this.accounts = accounts;
        this.clientIps = clientIps;
        this.clock = clock;
    }

    /** Sizes are generous but bounded: the password policy's own limit is reported as a login failure. */
    record LoginRequest(@NotBlank @Size(max = 320) String email, @NotBlank @Size(max = 1024) String password,
            @Nullable @Size(max = 64) String orgId) {
    }

    record RefreshRequest(@NotBlank @Size(max = 256) String refreshToken) {
    }

    @PostMapping("/login")
    TokenResponse login(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        PasswordLogin.LoggedIn loggedIn = login.login(request.email(), request.password(), request.orgId(),
                clientIps.resolve(http).ip(), http.getHeader(HttpHeaders.USER_AGENT));
        return TokenResponse.of(loggedIn.tokens(), loggedIn.user(), clock);
    }

    @PostMapping("/refresh")
    TokenResponse refresh(@Valid @RequestBody RefreshRequest request) {
        var pair = rotation.refresh(request.refreshToken());
        return TokenResponse.of(pair, accounts.user(pair.userId()).orElse(null), clock);
    }
}

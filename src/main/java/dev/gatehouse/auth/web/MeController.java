package dev.gatehouse.auth.web;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.accounts.Membership;
import dev.gatehouse.accounts.User;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.auth.TokenPair;
import dev.gatehouse.auth.mfa.MfaStatus;
import dev.gatehouse.auth.session.Sessions;
import dev.gatehouse.platform.security.AllowedDuringMfaEnrollment;
import dev.gatehouse.platform.security.Authenticated;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.platform.web.ClientIpResolver;

/** The caller's own profile, password and current organization. */
@RestController
@RequestMapping("/api/v1/auth")
@Authenticated
class MeController {

    private final AccountService accounts;
    private final Sessions sessions;
    private final MfaStatus mfa;
    private final ClientIpResolver clientIps;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MeController(AccountService accounts, Sessions sessions, MfaStatus mfa, ClientIpResolver clientIps,
            ApplicationEventPublisher events, Clock clock) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.mfa = mfa;
        this.clientIps = clientIps;
        this.events = events;
        this.clock = clock;
    }

    record MeResponse(String id, String email, @Nullable String displayName, String orgId, String role,
            List<String> permissions, boolean mfaEnabled, boolean platformAdmin, @Nullable String sessionId,
            @Nullable String apiKeyId, @Nullable List<String> scopes) {
    }

    record ChangePasswordRequest(@NotBlank @Size(max = 1024) String currentPassword,
            @NotBlank @Size(max = 1024) String newPassword) {
    }

    record SwitchOrgRequest(@NotBlank @Size(max = 64) String orgId) {
    }

    /** For an API key: its owner, the key's own scopes, and as permissions what it may do now (scopes ∩ role). */
    @GetMapping("/me")
    @AllowedDuringMfaEnrollment
    MeResponse me(AuthenticatedPrincipal caller) {
        User user = accounts.user(caller.userId()).orElseThrow(() -> ApiException.notFound("The user"));
        List<String> permissions = caller.permissions().stream().sorted().map(Permission::wireName).toList();
        List<String> scopes = caller.apiKeyId() == null ? null
                : caller.apiKeyScopes().stream().sorted().map(Permission::wireName).toList();
        return new MeResponse(user.id(), user.email(), user.displayName(), caller.orgId(), caller.role().wireName(),
                permissions, mfa.enabled(user.id()), caller.platformAdmin(), caller.sessionId(), caller.apiKeyId(),
                scopes);
    }

    /** Ends every other session of the caller; the current one stays logged in. */
    @PostMapping("/change-password")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(AuthenticatedPrincipal caller, @Valid @RequestBody ChangePasswordRequest request) {
        LoginOnly.require(caller);
        accounts.changePassword(caller.userId(), request.currentPassword(), request.newPassword(),
                () -> sessions.revokeAllOfUser(caller.userId(), caller.sessionId(), "password_changed"));
    }

    /** A new session in another organization of the caller's; the current session ends. */
    @PostMapping("/switch-org")
    TokenResponse switchOrg(AuthenticatedPrincipal caller, @Valid @RequestBody SwitchOrgRequest request,
            HttpServletRequest http) {
        LoginOnly.require(caller);
        Membership membership = accounts.membership(caller.userId(), request.orgId())
                .orElseThrow(() -> ApiException.notFound("The organization"));
        TokenPair pair = sessions.start(membership, clientIps.resolve(http).ip(), http.getHeader(HttpHeaders.USER_AGENT));
        if (caller.sessionId() != null) {
            sessions.revoke(caller.sessionId(), "switched_organization");
        }
        events.publishEvent(AuditEvent.success("auth.switch_org", caller.userId(), membership.orgId(),
                "session:" + pair.sessionId()));
        return TokenResponse.of(pair, accounts.user(caller.userId()).orElse(null), clock);
    }
}

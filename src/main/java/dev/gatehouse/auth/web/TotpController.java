package dev.gatehouse.auth.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.accounts.AccountService;
import dev.gatehouse.accounts.User;
import dev.gatehouse.auth.mfa.TotpEnrollment;
import dev.gatehouse.platform.security.AllowedDuringMfaEnrollment;
import dev.gatehouse.platform.security.Authenticated;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.platform.web.ClientIpResolver;

/**
 * The caller's own TOTP: set up, confirm, switch off, new backup codes. Setup and confirm stay open
 * to a session held to MFA enrollment, since enrolling is what that session is for; after
 * confirming, the client logs in again (or refreshes) to get an unrestricted session.
 */
@RestController
@RequestMapping("/api/v1/auth/mfa")
@Authenticated
class TotpController {

    private final TotpEnrollment enrollment;
    private final AccountService accounts;
    private final ClientIpResolver clientIps;

    TotpController(TotpEnrollment enrollment, AccountService accounts, ClientIpResolver clientIps) {
        this.enrollment = enrollment;
        this.accounts = accounts;
        this.clientIps = clientIps;
    }

    record CodeRequest(@NotBlank @Size(max = 32) String code) {
    }

    record SetupResponse(String secret, String otpauthUri, String qrPngBase64) {
    }

    record BackupCodesResponse(List<String> backupCodes) {
    }

    @PostMapping("/totp/setup")
    @AllowedDuringMfaEnrollment
    SetupResponse setup(AuthenticatedPrincipal caller, HttpServletRequest http) {
        User user = accounts.user(caller.userId()).orElseThrow(() -> ApiException.notFound("The user"));
        TotpEnrollment.Setup setup = enrollment.setup(callerOf(caller, http), user.email());
        return new SetupResponse(setup.secret(), setup.otpauthUri(), setup.qrPngBase64());
    }

    @PostMapping("/totp/confirm")
    @AllowedDuringMfaEnrollment
    BackupCodesResponse confirm(AuthenticatedPrincipal caller, @Valid @RequestBody CodeRequest request,
            HttpServletRequest http) {
        return new BackupCodesResponse(enrollment.confirm(callerOf(caller, http), request.code().strip()));
    }

    @DeleteMapping("/totp")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disable(AuthenticatedPrincipal caller, @Valid @RequestBody CodeRequest request, HttpServletRequest http) {
        enrollment.disable(callerOf(caller, http), request.code().strip());
    }

    @PostMapping("/backup-codes")
    BackupCodesResponse regenerateBackupCodes(AuthenticatedPrincipal caller, @Valid @RequestBody CodeRequest request,
            HttpServletRequest http) {
        return new BackupCodesResponse(enrollment.regenerateBackupCodes(callerOf(caller, http), request.code().strip()));
    }

    private TotpEnrollment.Caller callerOf(AuthenticatedPrincipal caller, HttpServletRequest http) {
        return new TotpEnrollment.Caller(caller.userId(), caller.orgId(), clientIps.resolve(http).ip());
    }
}

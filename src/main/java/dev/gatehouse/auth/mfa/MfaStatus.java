package dev.gatehouse.auth.mfa;

import org.springframework.stereotype.Service;

import dev.gatehouse.accounts.AccountService;

/** Whether a user has MFA on, and whether their organization insists they turn it on first. */
@Service
public class MfaStatus {

    private final TotpStore totp;
    private final AccountService accounts;

    MfaStatus(TotpStore totp, AccountService accounts) {
        this.totp = totp;
        this.accounts = accounts;
    }

    /** True once a TOTP secret is confirmed; a pending setup does not count. */
    public boolean enabled(String userId) {
        return totp.confirmed(userId);
    }

    /** Share of enabled accounts that have confirmed MFA, 0 to 1; 0 when there is no enabled account. */
    public double adoption() {
        long active = accounts.countActiveUsers();
        if (active == 0) {
            return 0;
        }
        return (double) totp.countConfirmedExcept(accounts.disabledUserIds()) / active;
    }

    /** The organization requires MFA and the user has none yet: their session may only enroll. */
    public boolean enrollmentOnly(String userId, String orgId) {
        boolean required = accounts.organization(orgId).map(org -> org.settings().mfaRequired()).orElse(false);
        return required && !enabled(userId);
    }
}

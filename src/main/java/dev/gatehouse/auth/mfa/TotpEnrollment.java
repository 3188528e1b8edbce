package dev.gatehouse.auth.mfa;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionOperations;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.platform.secrets.SecretBox;
import dev.gatehouse.platform.web.ApiException;

/**
 * Turning TOTP on and off. Setup stores a fresh 160-bit secret (the HMAC-SHA1 key size RFC 4226
 * §4 recommends), sealed with the master key, as pending; only a correct code from the
 * authenticator confirms it, so a user cannot lock themself out with a secret their app never
 * received. Confirming hands out the backup codes, once. Switching off and replacing the backup
 * codes need a valid current code, so a stolen access token alone cannot remove the second factor.
 * A wrong code is reported to {@link MfaFailures} after its transaction, so the report survives.
 */
@Service
public class TotpEnrollment {

    private static final int SECRET_BYTES = 20;

    private final TotpStore totp;
    private final BackupCodeStore backupCodeStore;
    private final BackupCodes backupCodes;
    private final SecondFactor secondFactor;
    private final MfaFailures failures;
    private final SecretBox secretBox;
    private final SecureRandom random;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;
    private final MfaProperties properties;
    private final Clock clock;

    TotpEnrollment(TotpStore totp, BackupCodeStore backupCodeStore, BackupCodes backupCodes, SecondFactor secondFactor,
            MfaFailures failures, SecretBox secretBox, SecureRandom random, TransactionOperations transactions,
            ApplicationEventPublisher events, MfaProperties properties, Clock clock) {
        this.totp = totp;
        this.backupCodeStore = backupCodeStore;
        this.backupCodes = backupCodes;
        this.secondFactor = secondFactor;
        this.failures = failures;
        this.secretBox = secretBox;
        this.random = random;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** What the user's authenticator needs: the secret as text, as a URI, and as a QR code of that URI. */
    public record Setup(String secret, String otpauthUri, String qrPngBase64) {
    }

    /** Who is acting and from where; the organization and IP are for the audit log and lockout. */
    public record Caller(String userId, @Nullable String orgId, @Nullable String ip) {
    }

    /** Stores a new pending secret, replacing a pending one; 409 {@code mfa_already_enabled} once confirmed. */
    public Setup setup(Caller caller, String email) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        String sealed = secretBox.seal(secret, SecondFactor.SECRET_PURPOSE);
        transactions.executeWithoutResult(status -> {
            if (!totp.savePending(caller.userId(), sealed, clock.instant())) {
                throw alreadyEnabled();
            }
            events.publishEvent(AuditEvent.success("mfa.enrolled", caller.userId(), caller.orgId(),
                    "user:" + caller.userId()));
        });
        String base32 = Base32.encode(secret);
        String uri = OtpAuthUri.of(properties.issuer(), email, base32);
        return new Setup(base32, uri, QrCodes.pngBase64(uri));
    }

    /** Confirms the pending secret with a code from it; returns the first set of backup codes. */
    public List<String> confirm(Caller caller, String code) {
        List<String> issued = transactions.execute(status -> {
            TotpStore.Row row = totp.find(caller.userId()).orElseThrow(TotpEnrollment::setupRequired);
            if (row.confirmed()) {
                throw alreadyEnabled();
            }
            Instant now = clock.instant();
            OptionalLong step = Totp.matchingStep(secondFactor.secret(row), code, now);
            if (step.isEmpty()) {
                return null;
            }
            if (!totp.confirm(caller.userId(), row.secretSealed(), step.getAsLong(), now)) {
                throw new ApiException(HttpStatus.CONFLICT, "mfa_setup_changed",
                        "The setup changed while this code was checked; scan the new secret and confirm again.");
            }
            List<String> codes = replaceBackupCodes(caller.userId(), now);
            events.publishEvent(AuditEvent.success("mfa.confirmed", caller.userId(), caller.orgId(),
                    "user:" + caller.userId()));
            return codes;
        });
        return orWrongCode(issued, caller, MfaFailures.Stage.CONFIRM);
    }

    /** Switches MFA off (secret and backup codes deleted) given a valid TOTP or backup code. */
    public void disable(Caller caller, String code) {
        Boolean disabled = transactions.execute(status -> {
            requireEnabled(caller.userId());
            Optional<SecondFactor.Method> method = secondFactor.verify(caller.userId(), caller.orgId(), code);
            if (method.isEmpty()) {
                return null;
            }
            totp.delete(caller.userId());
            backupCodeStore.deleteAll(caller.userId());
            events.publishEvent(AuditEvent.success("mfa.disabled", caller.userId(), caller.orgId(),
                    "user:" + caller.userId()).withDetails(Map.of("method", method.get().wireName())));
            return true;
        });
        orWrongCode(disabled, caller, MfaFailures.Stage.DISABLE);
    }

    /** A fresh set of backup codes given a valid TOTP or backup code; the old set stops working. */
    public List<String> regenerateBackupCodes(Caller caller, String code) {
        List<String> issued = transactions.execute(status -> {
            requireEnabled(caller.userId());
            Optional<SecondFactor.Method> method = secondFactor.verify(caller.userId(), caller.orgId(), code);
            if (method.isEmpty()) {
                return null;
            }
            List<String> codes = replaceBackupCodes(caller.userId(), clock.instant());
            events.publishEvent(AuditEvent.success("mfa.backup_codes_regenerated", caller.userId(), caller.orgId(),
                    "user:" + caller.userId()).withDetails(Map.of("method", method.get().wireName())));
            return codes;
        });
        return orWrongCode(issued, caller, MfaFailures.Stage.REGENERATE_BACKUP_CODES);
    }

    private List<String> replaceBackupCodes(String userId, Instant now) {
        List<String> codes = backupCodes.generate();
        backupCodeStore.replace(userId, backupCodes.hashes(codes), now);
        return codes;
    }

    private void requireEnabled(String userId) {
        if (!totp.confirmed(userId)) {
            throw new ApiException(HttpStatus.CONFLICT, "mfa_not_enabled", "MFA is not enabled for this account.");
        }
    }

    private <T> T orWrongCode(@Nullable T result, Caller caller, MfaFailures.Stage stage) {
        if (result == null) {
            failures.record(caller.userId(), caller.orgId(), caller.ip(), stage);
            throw invalidCode(HttpStatus.BAD_REQUEST);
        }
        return result;
    }

    /** 400 from enrollment changes, 401 from a paused login. */
    public static ApiException invalidCode(HttpStatus status) {
        return new ApiException(status, "invalid_mfa_code", "The code is not valid, or was already used.");
    }

    private static ApiException alreadyEnabled() {
        return new ApiException(HttpStatus.CONFLICT, "mfa_already_enabled", "MFA is already enabled for this account.");
    }

    private static ApiException setupRequired() {
        return new ApiException(HttpStatus.CONFLICT, "mfa_setup_required",
                "There is no pending TOTP setup to confirm; call setup first.");
    }
}

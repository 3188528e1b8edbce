package dev.gatehouse.auth.mfa;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.audit.ThreatLevel;
import dev.gatehouse.platform.secrets.SecretBox;

/**
 * Checks a code against a user's enabled second factor: six digits are a TOTP code, anything else
 * is tried as a backup code. Success spends what was used (the TOTP step and every earlier one, or
 * the backup code), so run it inside the transaction of the action it authorizes: if that action
 * rolls back, the code stays unspent.
 */
@Service
public class SecondFactor {

    static final String SECRET_PURPOSE = "mfa-totp-secret";

    private final TotpStore totp;
    private final BackupCodeStore backupCodeStore;
    private final BackupCodes backupCodes;
    private final SecretBox secretBox;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    SecondFactor(TotpStore totp, BackupCodeStore backupCodeStore, BackupCodes backupCodes, SecretBox secretBox,
            ApplicationEventPublisher events, Clock clock) {
        this.totp = totp;
        this.backupCodeStore = backupCodeStore;
        this.backupCodes = backupCodes;
        this.secretBox = secretBox;
        this.events = events;
        this.clock = clock;
    }

    public enum Method {
        TOTP("totp"), BACKUP_CODE("backup_code");

        private final String wireName;

        Method(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /** The method that accepted the code; empty when the code is wrong, replayed, or the user has no MFA. */
    public Optional<Method> verify(String userId, @Nullable String orgId, String code) {
        Optional<TotpStore.Row> row = totp.find(userId).filter(TotpStore.Row::confirmed);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (Totp.looksLikeCode(code)) {
            OptionalLong step = Totp.matchingStep(secret(row.get()), code, now);
            return step.isPresent() && totp.useStep(userId, step.getAsLong()) ? Optional.of(Method.TOTP) : Optional.empty();
        }
        if (!BackupCodes.plausible(code) || !backupCodeStore.use(userId, backupCodes.hash(code), now)) {
            return Optional.empty();
        }
        events.publishEvent(AuditEvent.success("mfa.backup_code_used", userId, orgId, "user:" + userId)
                .withThreat(ThreatLevel.LOW)
                .withDetails(Map.of("backup_codes_left", backupCodeStore.unused(userId))));
        return Optional.of(Method.BACKUP_CODE);
    }

    byte[] secret(TotpStore.Row row) {
        return secretBox.open(row.secretSealed(), SECRET_PURPOSE);
    }
}

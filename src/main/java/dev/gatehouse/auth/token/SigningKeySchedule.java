package dev.gatehouse.auth.token;

import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The periodic side of {@link SigningKeys}, on every node: no cluster lock is needed because the
 * rotation tolerates two nodes inserting at once. A failed run (database briefly away) is logged
 * and retried on the next tick; the keys already loaded keep working meanwhile.
 */
class SigningKeySchedule {

    private static final Logger log = LoggerFactory.getLogger(SigningKeySchedule.class);

    private final SigningKeys keys;

    SigningKeySchedule(SigningKeys keys) {
        this.keys = keys;
    }

    @Scheduled(fixedDelay = SigningKeys.RELOAD_INTERVAL_SECONDS, initialDelay = SigningKeys.RELOAD_INTERVAL_SECONDS,
            timeUnit = TimeUnit.SECONDS)
    void reload() {
        try {
            keys.reload();
        } catch (RuntimeException e) {
            log.warn("signing keys could not be reloaded; keeping the loaded set", e);
        }
    }

    @Scheduled(fixedDelay = SigningKeys.ROTATION_CHECK_MINUTES, initialDelay = SigningKeys.ROTATION_CHECK_MINUTES,
            timeUnit = TimeUnit.MINUTES)
    void rotateIfDue() {
        try {
            keys.rotateIfDue();
        } catch (RuntimeException e) {
            log.warn("signing-key rotation check failed; retrying at the next check", e);
        }
    }
}

package dev.gatehouse.auth.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.platform.secrets.MasterKey;
import dev.gatehouse.platform.secrets.SecretBox;
import dev.gatehouse.platform.storage.SchemaMigrations;
import dev.gatehouse.support.MovableClock;
import dev.gatehouse.support.TestDatabase;

/**
 * The MFA tables on every dialect: each TOTP step and backup code is accepted once, even when two
 * submissions race; pending secrets are replaced but confirmed ones are not; challenges are spent
 * once, and by the last allowed wrong code. Subclasses only say which database.
 */
abstract class MfaStoreContract {

    private static final Instant T0 = Instant.parse("2026-11-22T10:00:15Z");
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestDatabase database;
    private JdbcClient jdbc;
    private MovableClock clock;
    private TotpStore totp;
    private BackupCodeStore backupCodeStore;
    private BackupCodes backupCodes;
    private SecondFactor secondFactor;
    private SecretBox secretBox;
    private MfaChallengeStore challengeStore;
    private final List<Object> published = new ArrayList<>();
    private String userId;
    private String orgId;

    abstract TestDatabase openDatabase();

    @BeforeEach
    void migrate() {
        database = openDatabase();
        SchemaMigrations.flyway(database.dialect(), database.dataSource()).migrate();
        jdbc = JdbcClient.create(database.dataSource());
        clock = new MovableClock(T0);
        byte[] key = new byte[MasterKey.LENGTH_BYTES];
        RANDOM.nextBytes(key);
        MasterKey masterKey = MasterKey.fromBase64(Base64.getEncoder().encodeToString(key));
        secretBox = new SecretBox(masterKey, RANDOM);
        totp = new TotpStore(jdbc);
        backupCodeStore = new BackupCodeStore(jdbc);
        backupCodes = new BackupCodes(masterKey, RANDOM);
        secondFactor = new SecondFactor(totp, backupCodeStore, backupCodes, secretBox, published::add, clock);
        challengeStore = new MfaChallengeStore(jdbc);
        orgId = insertOrganization();
        userId = insertUser();
    }

    @AfterEach
    void close() {
        database.close();
    }

    // ---- TOTP replay ----------------------------------------------------------------------

    @Test
    void aTotpCodeIsAcceptedOnceAndAnEarlierStepNeverAfterALaterOne() {
        byte[] secret = enable(userId);
        long now = Totp.step(clock.instant());
        String current = Totp.code(secret, now);

        assertThat(secondFactor.verify(userId, orgId, current)).hasValue(SecondFactor.Method.TOTP);
        assertThat(secondFactor.verify(userId, orgId, current)).isEmpty();
        assertThat(secondFactor.verify(userId, orgId, Totp.code(secret, now - 1))).as("earlier step").isEmpty();
        assertThat(secondFactor.verify(userId, orgId, Totp.code(secret, now + 1))).hasValue(SecondFactor.Method.TOTP);
        clock.advance(Duration.ofSeconds(30));
        assertThat(secondFactor.verify(userId, orgId, Totp.code(secret, now + 1))).as("spent, though still in the window")
                .isEmpty();
        assertThat(secondFactor.verify(userId, orgId, Totp.code(secret, now + 2))).hasValue(SecondFactor.Method.TOTP);
    }

    @Test
    void ofConcurrentSubmissionsOfOneStepExactlyOnePasses() throws Exception {
        enable(userId);
        long step = Totp.step(clock.instant());
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Boolean>> tasks = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            tasks.add(() -> {
                start.await();
                return totp.useStep(userId, step);
            });
        }
        try (ExecutorService pool = Executors.newFixedThreadPool(racers)) {
            List<Future<Boolean>> results = tasks.stream().map(pool::submit).toList();
            start.countDown();
            long winners = 0;
            for (Future<Boolean> result : results) {
                winners += result.get() ? 1 : 0;
            }
            assertThat(winners).isEqualTo(1);
        }
        assertThat(totp.find(userId).orElseThrow().lastUsedStep()).isEqualTo(step);
    }

    @Test
    void aPendingSecretAcceptsNoCodeAndIsReplacedBySetupButAConfirmedOneIsNot() {
        byte[] first = newSecret();
        assertThat(totp.savePending(userId, seal(first), clock.instant())).isTrue();
        assertThat(secondFactor.verify(userId, orgId, Totp.code(first, Totp.step(clock.instant())))).as("pending").isEmpty();
        assertThat(totp.useStep(userId, Totp.step(clock.instant()))).isFalse();

        byte[] second = newSecret();
        String sealedSecond = seal(second);
        assertThat(totp.savePending(userId, sealedSecond, clock.instant())).isTrue();
        assertThat(totp.confirm(userId, seal(first), 1, clock.instant())).as("the replaced secret").isFalse();
        assertThat(totp.confirm(userId, sealedSecond, Totp.step(clock.instant()), clock.instant())).isTrue();
        assertThat(totp.confirmed(userId)).isTrue();

        assertThat(totp.savePending(userId, seal(newSecret()), clock.instant())).as("already confirmed").isFalse();
        assertThat(secretBox.open(totp.find(userId).orElseThrow().secretSealed(), SecondFactor.SECRET_PURPOSE))
                .isEqualTo(second);
        assertThat(secondFactor.verify(userId, orgId, Totp.code(second, Totp.step(clock.instant()))))
                .as("the confirming code's step is spent").isEmpty();
    }

    @Test
    void theSecretIsStoredSealed() {
        byte[] secret = enable(userId);
        String stored = jdbc.sql("SELECT secret_sealed FROM mfa_totp").query(String.class).single();
        assertThat(stored).startsWith("v1.").doesNotContain(Base32.encode(secret));
    }

    // ---- backup codes -----------------------------------------------------------------------

    @Test
    void aBackupCodeWorksOnceInAnySpellingAndOnlyForItsUser() {
        enable(userId);
        String otherUser = insertUser();
        enable(otherUser);
        List<String> codes = backupCodes.generate();
        backupCodeStore.replace(userId, backupCodes.hashes(codes), clock.instant());
        String code = codes.get(3);

        assertThat(secondFactor.verify(otherUser, orgId, code)).isEmpty();
        assertThat(secondFactor.verify(userId, orgId, " " + code.toUpperCase().replace("-", " ") + " "))
                .hasValue(SecondFactor.Method.BACKUP_CODE);
        assertThat(secondFactor.verify(userId, orgId, code)).isEmpty();
        assertThat(backupCodeStore.unused(userId)).isEqualTo(BackupCodes.COUNT - 1);
        assertThat(published).singleElement().satisfies(event -> {
            AuditEvent audit = (AuditEvent) event;
            assertThat(audit.action()).isEqualTo("mfa.backup_code_used");
            assertThat(audit.details()).containsEntry("backup_codes_left", BackupCodes.COUNT - 1);
        });
    }

    @Test
    void aNewSetOfBackupCodesRetiresTheOldOne() {
        enable(userId);
        List<String> old = backupCodes.generate();
        backupCodeStore.replace(userId, backupCodes.hashes(old), clock.instant());
        List<String> fresh = backupCodes.generate();
        backupCodeStore.replace(userId, backupCodes.hashes(fresh), clock.instant());

        assertThat(secondFactor.verify(userId, orgId, old.get(0))).isEmpty();
        assertThat(secondFactor.verify(userId, orgId, fresh.get(0))).hasValue(SecondFactor.Method.BACKUP_CODE);
        List<String> stored = jdbc.sql("SELECT code_hash FROM mfa_backup_codes").query(String.class).list();
        assertThat(stored).hasSize(BackupCodes.COUNT).noneMatch(hash -> fresh.stream().anyMatch(hash::contains));
    }

    @Test
    void backupCodesAreTenUnambiguousCharactersInTwoGroups() {
        List<String> codes = backupCodes.generate();
        assertThat(codes).hasSize(10).doesNotHaveDuplicates()
                .allMatch(code -> code.matches("[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}"));
        assertThat(BackupCodes.plausible("abcde-fghjk")).isTrue();
        assertThat(BackupCodes.plausible("abcde-fghj1")).isFalse();
        assertThat(BackupCodes.plausible("abcde")).isFalse();
    }

    // ---- challenges ---------------------------------------------------------------------------

    @Test
    void aChallengeIsSpentOnceAndByTheLastAllowedWrongCode() {
        challengeStore.insert("spend-me", userId, orgId, clock.instant(), clock.instant().plusSeconds(300));
        assertThat(challengeStore.spend("spend-me", clock.instant())).isTrue();
        assertThat(challengeStore.spend("spend-me", clock.instant())).isFalse();

        challengeStore.insert("guess-me", userId, orgId, clock.instant(), clock.instant().plusSeconds(300));
        for (int i = 0; i < 4; i++) {
            challengeStore.countFailure("guess-me", 5, clock.instant());
        }
        assertThat(challengeStore.find("guess-me").orElseThrow().usedAt()).isNull();
        challengeStore.countFailure("guess-me", 5, clock.instant());
        MfaChallengeStore.Row spent = challengeStore.find("guess-me").orElseThrow();
        assertThat(spent.failures()).isEqualTo(5);
        assertThat(spent.usedAt()).isEqualTo(clock.instant());
        assertThat(challengeStore.spend("guess-me", clock.instant())).isFalse();
    }

    @Test
    void challengesExpireAndAreForgotten() {
        MfaProperties properties = new MfaProperties("Gatehouse", Duration.ofMinutes(5), 5);
        MfaChallenges challenges = new MfaChallenges(challengeStore, RANDOM, properties, clock);
        String token = challenges.open(userId, orgId);
        assertThat(token).startsWith("ghm_").hasSize(4 + 43);
        assertThat(challenges.live(token)).hasValueSatisfying(live -> assertThat(live.userId()).isEqualTo(userId));
        assertThat(challenges.live("ghm_" + "A".repeat(43))).isEmpty();
        assertThat(challenges.live(token.substring(4))).isEmpty();
        assertThat(jdbc.sql("SELECT token_hash FROM mfa_challenges").query(String.class).single()).doesNotContain(token);

        clock.advance(Duration.ofMinutes(5));
        assertThat(challenges.live(token)).isEmpty();
        clock.advance(Duration.ofHours(2));
        challenges.forgetExpired();
        assertThat(challengeStore.find(MfaChallenges.hash(token))).isEmpty();
    }

    // ---- helpers ------------------------------------------------------------------------------

    private byte[] enable(String user) {
        byte[] secret = newSecret();
        String sealed = seal(secret);
        totp.savePending(user, sealed, clock.instant());
        // confirmed with no step spent, so the tests choose which codes come first
        jdbc.sql("UPDATE mfa_totp SET confirmed_at = :now WHERE user_id = :user")
                .param("now", clock.instant().toEpochMilli()).param("user", user).update();
        return secret;
    }

    private static byte[] newSecret() {
        byte[] secret = new byte[20];
        RANDOM.nextBytes(secret);
        return secret;
    }

    private String seal(byte[] secret) {
        return secretBox.seal(secret, SecondFactor.SECRET_PURPOSE);
    }

    private String insertOrganization() {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO organizations (id, name, created_at, updated_at) VALUES (:id, :name, 0, 0)")
                .param("id", id).param("name", "Org " + id).update();
        return id;
    }

    private String insertUser() {
        String id = UUID.randomUUID().toString();
        jdbc.sql("INSERT INTO users (id, email, email_normalized, password_hash, created_at, updated_at) "
                        + "VALUES (:id, :email, :email, 'x', 0, 0)")
                .param("id", id).param("email", id + "@example.test").update();
        return id;
    }
}

package dev.gatehouse.accounts.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionOperations;

import dev.gatehouse.accounts.AccountsProperties;
import dev.gatehouse.accounts.Organization;
import dev.gatehouse.accounts.OrganizationSettings;
import dev.gatehouse.accounts.User;
import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.platform.config.DataDirectory;
import dev.gatehouse.platform.config.GatehouseProperties;
import dev.gatehouse.platform.config.InvalidConfigurationException;
import dev.gatehouse.platform.ids.Ids;
import dev.gatehouse.platform.security.Role;
import dev.gatehouse.platform.storage.UniqueViolations;
import dev.gatehouse.platform.web.ApiException;

/**
 * The first admin, created before the server takes traffic when no user exists yet: the configured
 * one, or {@code admin@gatehouse.local} with a generated password that is logged once and written
 * to {@code <data dir>/initial-admin-password} (0600). There is no default password. Several nodes
 * starting at once race on the single-root-organization index; the losers find the winner's admin.
 */
@Component
class AdminBootstrap implements SmartInitializingSingleton {

    static final String DEFAULT_EMAIL = "admin@gatehouse.local";
    static final String PASSWORD_FILE = "initial-admin-password";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    private static final int GENERATED_LENGTH = 24;
    private static final Logger log = LoggerFactory.getLogger(AdminBootstrap.class);

    private final AccountsProperties.Bootstrap settings;
    private final GatehouseProperties platform;
    private final UserStore users;
    private final OrganizationStore organizations;
    private final MembershipStore memberships;
    private final NewUsers newUsers;
    private final TransactionOperations transactions;
    private final ApplicationEventPublisher events;
    private final SecureRandom random;
    private final Clock clock;

    AdminBootstrap(AccountsProperties properties, GatehouseProperties platform, UserStore users,
            OrganizationStore organizations, MembershipStore memberships, NewUsers newUsers,
            TransactionOperations transactions, ApplicationEventPublisher events,
            SecureRandom random, Clock clock) {
        this.settings = properties.bootstrap();
        this.platform = platform;
        this.users = users;
        this.organizations = organizations;
        this.memberships = memberships;
        this.newUsers = newUsers;
        this.transactions = transactions;
        this.events = events;
        this.random = random;
        this.clock = clock;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (users.any()) {
            return;
        }
        String email = settings.adminEmail() != null && !settings.adminEmail().isBlank()
                ? settings.adminEmail().strip() : DEFAULT_EMAIL;
        boolean generated = settings.adminPassword() == null || settings.adminPassword().isEmpty();
        String password = generated ? generatePassword() : settings.adminPassword();
        String hash;
        try {
            hash = newUsers.checkAndHash(email, password, null);
        } catch (ApiException e) {
            throw new InvalidConfigurationException(List.of(
                    "GATEHOUSE_BOOTSTRAP_ADMIN_PASSWORD is refused by the password policy (at least 10 characters, "
                            + "hard to guess, not containing the email); choose another or leave it unset to generate one"));
        }
        if (createRootAdmin(email, hash) && generated) {
            Path file = writePasswordFile(password);
            log.warn("Created the first admin {} with a generated password, shown only this once: {} (also in {}; "
                    + "delete that file after logging in)", email, password, file);
        }
    }

    private boolean createRootAdmin(String email, String hash) {
        try {
            transactions.executeWithoutResult(status -> {
                Instant now = clock.instant();
                Organization root = new Organization(Ids.newId(), "root", true,
                        new OrganizationSettings("enterprise", false, Map.of()), now, now);
                organizations.insert(root);
                User admin = newUsers.insert(email, hash, "Administrator", now);
                memberships.insert(admin.id(), root.id(), Role.ADMIN, now);
                events.publishEvent(AuditEvent.success("user.bootstrapped", null, root.id(), "user:" + admin.id()));
            });
            return true;
        } catch (DataAccessException e) {
            if (UniqueViolations.is(e)) {
                log.info("Another node created the first admin");
                return false;
            }
            throw e;
        }
    }

    private String generatePassword() {
        StringBuilder password = new StringBuilder(GENERATED_LENGTH);
        for (int i = 0; i < GENERATED_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    private Path writePasswordFile(String password) {
        Path file = DataDirectory.prepare(platform.dataDir()).resolve(PASSWORD_FILE);
        try {
            Files.deleteIfExists(file);
            if (DataDirectory.posix()) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.writeString(file, password + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}

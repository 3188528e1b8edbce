package dev.gatehouse.auth.bruteforce;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gatehouse.auth.lockout.*}: when failed logins lock an account or block a client IP.
 *
 * @param accountFailures   consecutive failures that lock an account
 * @param firstLock         the first lock's length; each further lock within a day doubles it
 * @param maxLock           the longest lock
 * @param ipFailures        failures from one IP within {@code ipWindow} (across accounts) that block it
 * @param ipSlowdownFailures failures from one IP within the window after which each answer is delayed
 * @param ipSlowdown        that delay
 */
@ConfigurationProperties("gatehouse.auth.lockout")
public record LockoutProperties(
        @DefaultValue("5") int accountFailures,
        @DefaultValue("1m") Duration firstLock,
        @DefaultValue("1h") Duration maxLock,
        @DefaultValue("30") int ipFailures,
        @DefaultValue("15m") Duration ipWindow,
        @DefaultValue("10") int ipSlowdownFailures,
        @DefaultValue("1s") Duration ipSlowdown) {
}

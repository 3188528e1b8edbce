package dev.gatehouse.accounts;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Account settings: {@code GATEHOUSE_REGISTRATION} and {@code GATEHOUSE_BOOTSTRAP_ADMIN_EMAIL} /
 * {@code _PASSWORD}. They sit directly under {@code gatehouse.*} because those environment names are
 * part of the contract.
 */
@ConfigurationProperties("gatehouse")
public record AccountsProperties(@DefaultValue("closed") Registration registration, @DefaultValue Bootstrap bootstrap) {

    /** {@code open}: anyone may register and gets a new organization; {@code invite}: only invited emails. */
    public enum Registration { open, invite, closed }

    /** The first admin, created once when no user exists; without a password one is generated. */
    public record Bootstrap(@Nullable String adminEmail, @Nullable String adminPassword) {
    }
}

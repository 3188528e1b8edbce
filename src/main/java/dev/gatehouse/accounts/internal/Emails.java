package dev.gatehouse.accounts.internal;

import java.util.Locale;

/** Emails are unique case-insensitively: {@code Ann@Example.com} and {@code ann@example.com} are one account. */
public final class Emails {

    private Emails() {
    }

    public static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }
}

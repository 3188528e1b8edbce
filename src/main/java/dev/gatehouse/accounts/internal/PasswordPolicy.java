package dev.gatehouse.accounts.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import com.nulabinc.zxcvbn.Zxcvbn;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * NIST SP 800-63B rules: 10 to 128 characters, no composition rules, and no password that is
 * easy to guess. "Easy" is zxcvbn's estimate (bundled dictionaries of common passwords, names and
 * words, keyboard patterns, dates, l33t) below score 3, with the user's own email and name added
 * to its dictionary; a password containing the email's local part is refused outright.
 */
@Component
public class PasswordPolicy {

    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 128;
    private static final int MIN_SCORE = 3;
    private static final int SHORTEST_LOCAL_PART_CHECKED = 3;

    private final Zxcvbn estimator = new Zxcvbn();

    /** Why the password is refused, or empty when it is acceptable. */
    public Optional<String> problemWith(String password, String email, @Nullable String displayName) {
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            return Optional.of("must be at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters");
        }
        String localPart = email.substring(0, Math.max(0, email.indexOf('@'))).toLowerCase(Locale.ROOT);
        if (localPart.length() >= SHORTEST_LOCAL_PART_CHECKED && password.toLowerCase(Locale.ROOT).contains(localPart)) {
            return Optional.of("must not contain your email address");
        }
        List<String> personal = new ArrayList<>(List.of(email, localPart));
        if (displayName != null) {
            personal.add(displayName);
        }
        if (estimator.measure(password, personal).getScore() < MIN_SCORE) {
            return Optional.of("is too easy to guess; use a longer phrase of unrelated words");
        }
        return Optional.empty();
    }
}

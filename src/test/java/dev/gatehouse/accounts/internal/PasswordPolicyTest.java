package dev.gatehouse.accounts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PasswordPolicyTest {

    private final PasswordPolicy policy = new PasswordPolicy();

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            short7!x              | must be at least 10 characters
            password1234          | is too easy to guess; use a longer phrase of unrelated words
            qwertyuiop123         | is too easy to guess; use a longer phrase of unrelated words
            1111111111111         | is too easy to guess; use a longer phrase of unrelated words
            Jonathan.Doe-7781x    | must not contain your email address
            """)
    void refusesWithAReason(String password, String reason) {
        assertThat(policy.problemWith(password, "jonathan.doe@example.com", "Jonathan Doe")).hasValue(reason);
    }

    @ParameterizedTest
    @ValueSource(strings = {"velvet thunder orchard 9315", "lamp-Quartz-Oboe-Tundra", "Zr8#kQ2!vLm9"})
    void acceptsLongOrRandomPasswordsWithoutCompositionRules(String password) {
        assertThat(policy.problemWith(password, "jonathan.doe@example.com", null)).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void refusesMoreThan128CharactersCountingCodePoints() {
        String longest = "🦊".repeat(128);
        assertThat(policy.problemWith(longest, "a@example.com", null))
                .isNotEqualTo(java.util.Optional.of("must be at most 128 characters"));
        assertThat(policy.problemWith(longest + "🦊", "a@example.com", null)).hasValue("must be at most 128 characters");
    }
}

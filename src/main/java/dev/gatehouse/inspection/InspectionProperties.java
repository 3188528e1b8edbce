package dev.gatehouse.inspection;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code gatehouse.inspection.*}; docs/configuration.md lists each one.
 *
 * @param mode      what happens to a request that looks like an attack: {@code off}, {@code detect}
 *                  (audit it, let it through) or {@code block} (audit it, answer 400)
 * @param groups    endpoint groups: a name and the path prefixes it covers. These are added to
 *                  {@link #DEFAULT_GROUPS}; a group of the same name replaces the default one
 * @param overrides a mode per group, winning over {@code mode} for the paths of that group; the
 *                  longest matching prefix decides which group a path is in
 */
@ConfigurationProperties("gatehouse.inspection")
public record InspectionProperties(
        @DefaultValue("detect") InspectionMode mode,
        @Nullable Map<String, List<String>> groups,
        @Nullable Map<String, InspectionMode> overrides) {

    /** Groups that exist without configuration; see docs/security.md. */
    public static final Map<String, List<String>> DEFAULT_GROUPS = Map.of(
            "login", List.of("/api/v1/auth/login", "/api/v1/auth/mfa", "/api/v1/auth/refresh"),
            "auth", List.of("/api/v1/auth/"),
            "register", List.of("/api/v1/auth/register"),
            "admin", List.of("/api/v1/admin/"),
            "audit", List.of("/api/v1/audit"),
            "keys", List.of("/api/v1/keys"),
            "orgs", List.of("/api/v1/orgs"),
            "security", List.of("/api/v1/security/"));

    public InspectionProperties {
        Map<String, List<String>> merged = new LinkedHashMap<>(DEFAULT_GROUPS);
        if (groups != null) {
            groups.forEach((name, prefixes) -> merged.put(name, List.copyOf(prefixes)));
        }
        merged.forEach((name, prefixes) -> prefixes.forEach(prefix -> {
            if (!prefix.startsWith("/")) {
                throw new IllegalArgumentException("gatehouse.inspection.groups." + name
                        + ": a path prefix must start with '/'");
            }
        }));
        groups = Map.copyOf(merged);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        for (String group : overrides.keySet()) {
            if (!groups.containsKey(group)) {
                throw new IllegalArgumentException("gatehouse.inspection.overrides names an unknown endpoint group; "
                        + "known groups: " + String.join(", ", groups.keySet().stream().sorted().toList()));
            }
        }
    }

    public static InspectionProperties ofDefaults() {
        return new InspectionProperties(InspectionMode.DETECT, null, null);
    }

    @Override
    public Map<String, List<String>> groups() {
        return groups == null ? Map.of() : groups;
    }

    @Override
    public Map<String, InspectionMode> overrides() {
        return overrides == null ? Map.of() : overrides;
    }
}

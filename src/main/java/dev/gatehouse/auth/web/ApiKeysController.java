package dev.gatehouse.auth.web;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.accounts.OrganizationSettings;
import dev.gatehouse.auth.apikey.ApiKey;
import dev.gatehouse.auth.apikey.ApiKeys;
import dev.gatehouse.auth.apikey.IssuedApiKey;
import dev.gatehouse.auth.apikey.NewApiKey;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.ApiException;
import dev.gatehouse.platform.web.Paging;

/** {@code /api/v1/keys}: the caller's own API keys in their current organization. The secret is shown only when issued. */
@RestController
@RequestMapping("/api/v1/keys")
@RequiresPermission(Permission.KEYS_MANAGE)
class ApiKeysController {

    private final ApiKeys apiKeys;

    ApiKeysController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    record CreateKeyRequest(@NotBlank @Size(max = 100) String name, @NotEmpty @Size(max = 64) List<@NotBlank @Size(max = 64) String> scopes,
            @Nullable String tier, @Nullable @Min(1) @Max(3650) Integer expiresInDays) {
    }

    record IssuedKeyView(String id, String key, String prefix, String name, List<String> scopes, String tier,
            @Nullable Instant expiresAt, Instant createdAt) {

        static IssuedKeyView of(IssuedApiKey issued) {
            ApiKey key = issued.key();
            return new IssuedKeyView(key.id(), issued.secret(), key.prefix(), key.name(), wireNames(key.scopes()),
                    key.tier(), key.expiresAt(), key.createdAt());
        }
    }

    record KeyView(String id, String prefix, String name, List<String> scopes, String tier, Instant createdAt,
            @Nullable Instant lastUsedAt, long usageCount, @Nullable Instant expiresAt, @Nullable Instant revokedAt) {

        static KeyView of(ApiKey key) {
            return new KeyView(key.id(), key.prefix(), key.name(), wireNames(key.scopes()), key.tier(), key.createdAt(),
                    key.lastUsedAt(), key.usageCount(), key.expiresAt(), key.revokedAt());
        }
    }

    @PostMapping({"", "/generate"})
    @ResponseStatus(HttpStatus.CREATED)
    IssuedKeyView create(AuthenticatedPrincipal caller, @Valid @RequestBody CreateKeyRequest request) {
        if (request.tier() != null && !OrganizationSettings.TIERS.contains(request.tier())) {
            throw ApiException.invalidField("tier", "must be one of " + String.join(", ", OrganizationSettings.TIERS));
        }
        return IssuedKeyView.of(apiKeys.create(caller,
                new NewApiKey(request.name().strip(), scopes(request.scopes()), request.tier(), request.expiresInDays())));
    }

    @GetMapping
    Paging.Page<KeyView> list(AuthenticatedPrincipal caller, @RequestParam(required = false) @Nullable Integer limit,
            @RequestParam(required = false) @Nullable String cursor) {
        int size = Paging.limit(limit);
        List<KeyView> rows = apiKeys.list(caller, Paging.afterKey(cursor), size + 1).stream().map(KeyView::of).toList();
        return Paging.page(rows, size, KeyView::id);
    }

    @PostMapping("/{id}/rotate")
    IssuedKeyView rotate(AuthenticatedPrincipal caller, @PathVariable String id) {
        return IssuedKeyView.of(apiKeys.rotate(caller, id));
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(AuthenticatedPrincipal caller, @PathVariable String id) {
        apiKeys.revoke(caller, id);
    }

    private static Set<Permission> scopes(List<String> names) {
        Set<Permission> scopes = EnumSet.noneOf(Permission.class);
        for (String name : names) {
            scopes.add(Permission.fromWireName(name)
                    .orElseThrow(() -> ApiException.invalidField("scopes", "unknown permission '" + name + "'")));
        }
        return scopes;
    }

    private static List<String> wireNames(Set<Permission> permissions) {
        return permissions.stream().sorted().map(Permission::wireName).toList();
    }
}

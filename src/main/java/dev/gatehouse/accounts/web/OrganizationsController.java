package dev.gatehouse.accounts.web;

import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.accounts.internal.OrganizationAdministration;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;

/** {@code /api/v1/orgs/{id}}: an organization and its settings. */
@RestController
@RequestMapping("/api/v1/orgs/{id}")
class OrganizationsController {

    private final OrganizationAdministration administration;

    OrganizationsController(OrganizationAdministration administration) {
        this.administration = administration;
    }

    record SettingsChange(@Nullable @Pattern(regexp = "anonymous|basic|premium|enterprise") String tier,
            @Nullable Boolean mfaRequired, @Nullable @Size(max = 50) Map<String, Object> rateLimits) {
    }

    record UpdateOrganizationRequest(@Nullable @Size(min = 1, max = 200) String name, @Nullable @Valid SettingsChange settings) {
    }

    @RequiresPermission(Permission.ORG_READ)
    @GetMapping
    AccountViews.OrganizationView get(AuthenticatedPrincipal caller, @PathVariable String id) {
        return AccountViews.OrganizationView.of(administration.get(caller, id));
    }

    @RequiresPermission(Permission.ORG_MANAGE)
    @PatchMapping
    AccountViews.OrganizationView update(AuthenticatedPrincipal caller, @PathVariable String id,
            @Valid @RequestBody UpdateOrganizationRequest request) {
        SettingsChange settings = request.settings() != null ? request.settings() : new SettingsChange(null, null, null);
        return AccountViews.OrganizationView.of(administration.update(caller, id,
                new OrganizationAdministration.OrganizationChange(request.name(), settings.tier(),
                        settings.mfaRequired(), settings.rateLimits())));
    }
}

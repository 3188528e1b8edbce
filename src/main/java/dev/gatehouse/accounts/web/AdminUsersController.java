package dev.gatehouse.accounts.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.accounts.internal.UserAdministration;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.Paging;

/** {@code /api/v1/admin/users}: the users of the caller's organization (any organization for a platform admin). */
@RestController
@RequestMapping("/api/v1/admin/users")
class AdminUsersController {

    private final UserAdministration administration;

    AdminUsersController(UserAdministration administration) {
        this.administration = administration;
    }

    record CreateUserRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password,
            @Nullable @Size(max = 200) String displayName, @NotBlank String role, @Nullable String orgId) {
    }

    record UpdateUserRequest(@Nullable String role, @Nullable Boolean disabled,
            @Nullable @Size(min = 1, max = 200) String displayName) {
    }

    @RequiresPermission(Permission.USERS_READ)
    @GetMapping
    Paging.Page<AccountViews.UserView> list(AuthenticatedPrincipal caller, @RequestParam(name = "org_id", required = false) @Nullable String orgId,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        int size = Paging.limit(limit);
        var rows = administration.list(caller, orgId, Paging.afterKey(cursor), size + 1);
        return Paging.page(rows.stream().map(AccountViews.UserView::of).toList(), size, AccountViews.UserView::id);
    }

    @RequiresPermission(Permission.USERS_MANAGE)
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    AccountViews.UserView create(AuthenticatedPrincipal caller, @Valid @RequestBody CreateUserRequest request) {
        return AccountViews.UserView.of(administration.create(caller, new UserAdministration.NewUser(request.email(),
                request.password(), request.displayName(), RoleNames.parse("role", request.role()), request.orgId())));
    }

    @RequiresPermission(Permission.USERS_MANAGE)
    @PatchMapping("/{id}")
    AccountViews.UserView update(AuthenticatedPrincipal caller, @PathVariable String id,
            @Valid @RequestBody UpdateUserRequest request) {
        var role = request.role() == null ? null : RoleNames.parse("role", request.role());
        return AccountViews.UserView.of(administration.update(caller, id,
                new UserAdministration.UserChange(role, request.disabled(), request.displayName())));
    }
}

package dev.gatehouse.accounts.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.accounts.internal.OrganizationAdministration;
import dev.gatehouse.accounts.internal.UserAdministration;
import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.Permission;
import dev.gatehouse.platform.security.RequiresPermission;
import dev.gatehouse.platform.web.Paging;

/** {@code /api/v1/orgs/{id}/members}: memberships with a role each; an unknown email is invited. */
@RestController
@RequestMapping("/api/v1/orgs/{id}/members")
class MembersController {

    private final OrganizationAdministration administration;
    private final UserAdministration users;

    MembersController(OrganizationAdministration administration, UserAdministration users) {
        this.administration = administration;
        this.users = users;
    }

    record AddMemberRequest(@Nullable String userId, @Nullable @Email @Size(max = 254) String email, @NotBlank String role) {
    }

    record ChangeMemberRequest(@NotBlank String role) {
    }

    record InvitationView(String email, String orgId, String role, String status) {
    }

    @RequiresPermission(Permission.USERS_READ)
    @GetMapping
    Paging.Page<AccountViews.UserView> list(AuthenticatedPrincipal caller, @PathVariable String id,
            @RequestParam(required = false) @Nullable Integer limit, @RequestParam(required = false) @Nullable String cursor) {
        int size = Paging.limit(limit);
        var rows = users.list(caller, id, Paging.afterKey(cursor), size + 1);
        return Paging.page(rows.stream().map(AccountViews.UserView::of).toList(), size, AccountViews.UserView::id);
    }

    /** 201 with the membership, or 202 with an invitation when the email has no account yet. */
    @RequiresPermission(Permission.USERS_MANAGE)
    @PostMapping
    ResponseEntity<Object> add(AuthenticatedPrincipal caller, @PathVariable String id,
            @Valid @RequestBody AddMemberRequest request) {
        var role = RoleNames.parse("role", request.role());
        var added = administration.addMember(caller, id, request.userId(), request.email(), role);
        if (added.membership().isPresent()) {
            return ResponseEntity.status(HttpStatus.CREATED).body(AccountViews.MemberView.of(added.membership().get()));
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new InvitationView(String.valueOf(added.invitedEmail()), id, role.wireName(), "invited"));
    }

    @RequiresPermission(Permission.USERS_MANAGE)
    @PatchMapping("/{userId}")
    AccountViews.MemberView change(AuthenticatedPrincipal caller, @PathVariable String id, @PathVariable String userId,
            @Valid @RequestBody ChangeMemberRequest request) {
        return AccountViews.MemberView.of(administration.changeMember(caller, id, userId,
                RoleNames.parse("role", request.role())));
    }

    @RequiresPermission(Permission.USERS_MANAGE)
    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(AuthenticatedPrincipal caller, @PathVariable String id, @PathVariable String userId) {
        administration.removeMember(caller, id, userId);
    }
}

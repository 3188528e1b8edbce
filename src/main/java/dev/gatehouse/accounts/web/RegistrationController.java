package dev.gatehouse.accounts.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.accounts.internal.Registration;
import dev.gatehouse.platform.security.PublicEndpoint;

/** {@code POST /api/v1/auth/register}: open only as far as {@code GATEHOUSE_REGISTRATION} allows. */
@RestController
class RegistrationController {

    private final Registration registration;

    RegistrationController(Registration registration) {
        this.registration = registration;
    }

    record RegisterRequest(@NotBlank @Email @Size(max = 254) String email, @NotBlank @Size(max = 1024) String password,
            @Nullable @Size(max = 200) String displayName, @Nullable @Size(max = 200) String orgName) {
    }

    record RegisterResponse(AccountViews.UserView user, AccountViews.OrganizationView org) {
    }

    @PublicEndpoint
    @PostMapping("/api/v1/auth/register")
    @ResponseStatus(HttpStatus.CREATED)
    RegisterResponse register(@Valid @RequestBody RegisterRequest request) {
        Registration.Registered registered = registration.register(request.email(), request.password(),
                request.displayName(), request.orgName());
        return new RegisterResponse(AccountViews.UserView.of(registered.user(), null),
                AccountViews.OrganizationView.of(registered.org()));
    }
}

package dev.gatehouse.support;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.platform.security.PublicEndpoint;

/**
 * A JSON endpoint that exists only in tests, so the shared pipeline (body limits, JSON limits,
 * validation, problem bodies) is exercised before any capability brings its own endpoints.
 */
@RestController
@PublicEndpoint
class EchoController {

    record Message(@NotBlank @Size(max = 100) String text, Object payload) {
    }

    @PostMapping(path = "/test/echo", consumes = "application/json")
    Message echo(@Valid @RequestBody Message message) {
        return message;
    }
}

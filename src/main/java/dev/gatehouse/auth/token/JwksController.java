package dev.gatehouse.auth.token;

import java.util.Map;

import com.nimbusds.jose.jwk.JWKSet;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.gatehouse.platform.security.PublicEndpoint;

/**
 * {@code GET /.well-known/jwks.json}: the public halves of every published signing key (RFC 7517
 * §5), so that services behind the gateway can verify access tokens themselves. The body is
 * Nimbus's own map, so the global snake_case naming never touches JWK member names.
 */
@RestController
@PublicEndpoint
class JwksController {

    /** Short enough that a new key is picked up well before a rotation can matter. */
    static final String CACHE_CONTROL = "public, max-age=300";

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(path = "/.well-known/jwks.json", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> jwks(HttpServletResponse response) {
        // set, not added: the security-headers filter has already put no-store on every API answer
        response.setHeader(HttpHeaders.CACHE_CONTROL, CACHE_CONTROL);
        return new JWKSet(keys.publishedPublicKeys()).toJSONObject(true);
    }
}

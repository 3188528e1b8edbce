package dev.gatehouse.auth.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Set;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.gatehouse.platform.security.Role;

/**
 * The JWKS document served by the real application: public keys only, JWK member names untouched
 * by the global snake_case naming, cacheable, and enough for an outside party to verify our tokens.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JwksEndpointIT {

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) throws Exception {
        String dataDir = Files.createTempDirectory("gatehouse-jwks-it-").toString();
        registry.add("gatehouse.data-dir", () -> dataDir);
    }

    @LocalServerPort
    int port;

    @Autowired
    AccessTokenIssuer issuer;

    @Autowired
    AccessTokenVerifier verifier;

    @Test
    void theJwksPublishesOurPublicKeysVerbatimAndCacheably() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(response.headers().allValues("Cache-Control")).containsExactly("public, max-age=300");
        JWKSet published = JWKSet.parse(response.body());
        assertThat(published.getKeys()).isNotEmpty().allSatisfy(key -> {
            assertThat(key.isPrivate()).isFalse();
            assertThat(key.toJSONObject().keySet()).containsExactlyInAnyOrder("kty", "crv", "x", "y", "kid", "use", "alg");
            assertThat(key.toJSONObject()).containsEntry("kty", "EC").containsEntry("crv", "P-256")
                    .containsEntry("use", "sig").containsEntry("alg", "ES256");
        });
        assertThat(response.body()).doesNotContain("\"d\"").doesNotContain("key_use").doesNotContain("key_id");
    }

    @Test
    void anyoneHoldingTheJwksCanVerifyOurTokensWithAStockJwtLibrary() throws Exception {
        String body = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/.well-known/jwks.json")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        IssuedAccessToken issued = issuer.issue(new AccessTokenRequest("user-9", "org-9", Role.ADMIN, "session-9"));

        DefaultJWTProcessor<SecurityContext> outsider = new DefaultJWTProcessor<>();
        outsider.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
        outsider.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, new ImmutableJWKSet<>(JWKSet.parse(body))));
        outsider.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("gatehouse-api",
                new JWTClaimsSet.Builder().issuer("gatehouse").build(), Set.of("sub", "org", "role", "sid", "jti", "iat", "exp")));
        JWTClaimsSet claims = outsider.process(issued.token(), null);

        assertThat(claims.getSubject()).isEqualTo("user-9");
        assertThat(verifier.verify(issued.token()).role()).isEqualTo(Role.ADMIN);
    }
}

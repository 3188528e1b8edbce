package dev.gatehouse.auth.web;

import java.util.List;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.gatehouse.platform.security.AuthenticatedPrincipal;
import dev.gatehouse.platform.security.PublicEndpoint;
import dev.gatehouse.platform.security.RequiresPermission;

/**
 * Makes {@code /openapi.json} tell the truth about authentication: the bearer and API key schemes, which
 * operations need it and which permission each one checks. The principal parameter controllers
 * receive is the caller, not a request parameter, so it is left out of the document.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiSecurity {

    static final String BEARER = "bearer";
    static final String API_KEY = "api_key";

    static {
        SpringDocUtils.getConfig().addRequestWrapperToIgnore(AuthenticatedPrincipal.class);
    }

    @Bean
    OpenAPI gatehouseOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Gatehouse API").description("See docs/api.md and docs/security.md."))
                .components(new Components()
                        .addSecuritySchemes(BEARER, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                        .addSecuritySchemes(API_KEY, new SecurityScheme()
                                .type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                                .name(ApiKeyAuthenticator.HEADER)));
    }

    @Bean
    OperationCustomizer guardsInOpenApi() {
        return (operation, handler) -> {
            var guard = EndpointGuard.declaredGuard(handler);
            if (guard instanceof PublicEndpoint) {
                operation.setSecurity(List.of());
                return operation;
            }
            // two requirements: either one is enough (sending both is refused)
            operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
            operation.addSecurityItem(new SecurityRequirement().addList(API_KEY));
            if (guard instanceof RequiresPermission required) {
                operation.addExtension("x-required-permission", required.value().wireName());
            }
            return operation;
        };
    }
}

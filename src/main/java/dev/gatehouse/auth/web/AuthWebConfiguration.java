package dev.gatehouse.auth.web;

import java.util.List;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import dev.gatehouse.auth.AuthProperties;
import dev.gatehouse.auth.apikey.ApiKeyVerifier;
import dev.gatehouse.auth.session.SessionRevocations;
import dev.gatehouse.auth.token.AccessTokenVerifier;
import dev.gatehouse.platform.web.ProblemWriter;

/**
 * Wires authentication into the pipeline after the platform filters (tracing, security headers,
 * limits, CORS at +30) and authorization into Spring MVC, where each handler's guard is known.
 * No HTTP session, no CSRF token (no cookies carry credentials), no saved requests: stateless.
 */
@Configuration(proxyBeanMethods = false)
class AuthWebConfiguration implements WebMvcConfigurer {

    static final int AUTHENTICATION_ORDER = Ordered.HIGHEST_PRECEDENCE + 40;

    private final AuthProperties properties;
    private final ApplicationEventPublisher events;

    AuthWebConfiguration(AuthProperties properties, ApplicationEventPublisher events) {
        this.properties = properties;
        this.events = events;
    }

    @Bean
    FilterRegistrationBean<AuthenticationFilter> accessTokenFilter(AccessTokenVerifier verifier,
            SessionRevocations revocations, Principals principals, TokenRejections rejections,
            ApiKeyVerifier apiKeyVerifier, ApiKeyRejections apiKeyRejections, ProblemWriter problems) {
        ApiKeyAuthenticator apiKeys = new ApiKeyAuthenticator(apiKeyVerifier, principals, apiKeyRejections);
        FilterRegistrationBean<AuthenticationFilter> registration = new FilterRegistrationBean<>(
                new AuthenticationFilter(verifier, revocations, principals, rejections, apiKeys, apiKeyRejections, problems));
        registration.setOrder(AUTHENTICATION_ORDER);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new EndpointGuard(new FrameworkEndpoints(properties), events));
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new PrincipalArgumentResolver());
    }
}

package dev.gatehouse.platform.egress;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code gatehouse.egress.*}; docs/configuration.md lists each one.
 *
 * @param allowPrivateNetworks lets loopback and private blocks through (tests, on-premises targets);
 *                             metadata, link-local and reserved blocks stay refused regardless
 * @param deniedNetworks       further addresses or CIDR blocks to refuse, e.g. the server's own public range
 * @param userAgent            sent when the caller sets none; empty means {@code Gatehouse/<version> (+https://github.com/gatehouse)}
 * @param connectTimeout       default limit on opening a connection: the TCP connect and each wait in the TLS handshake
 * @param readTimeout          default limit on waiting for the first byte and between bytes
 * @param totalTimeout         default limit on a whole fetch, every redirect and the body included
 * @param maxRedirects         default number of redirects followed before {@code too_many_redirects}
 * @param maxBodySize          default cap on a decoded response body before {@code too_large}
 * @param maxIdleConnections   idle connections kept for reuse across all hosts
 * @param keepAlive            how long an idle connection is kept
 * @param trustPem             a PEM bundle of certificates (internal CAs) trusted for outbound TLS in addition
 *                             to the JDK's default trust; null trusts the JDK's default alone
 */
@ConfigurationProperties("gatehouse.egress")
public record EgressProperties(
        @DefaultValue("false") boolean allowPrivateNetworks,
        @DefaultValue List<String> deniedNetworks,
        @DefaultValue("") String userAgent,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("15s") Duration readTimeout,
        @DefaultValue("30s") Duration totalTimeout,
        @DefaultValue("10") int maxRedirects,
        @DefaultValue("10MB") org.springframework.util.unit.DataSize maxBodySize,
        @DefaultValue("256") int maxIdleConnections,
        @DefaultValue("1m") Duration keepAlive,
        @Nullable Path trustPem) {

    public EgressProperties {
        deniedNetworks = List.copyOf(deniedNetworks);
        for (String network : deniedNetworks) {
            try {
                Cidr.parse(network);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("gatehouse.egress.denied-networks holds an entry that is not an address or CIDR block", e);
            }
        }
        if (!connectTimeout.isPositive() || !readTimeout.isPositive() || !totalTimeout.isPositive()) {
            throw new IllegalArgumentException("gatehouse.egress timeouts must be positive");
        }
        if (maxRedirects < 0) {
            throw new IllegalArgumentException("gatehouse.egress.max-redirects must not be negative");
        }
        if (maxBodySize.toBytes() < 1) {
            throw new IllegalArgumentException("gatehouse.egress.max-body-size must be positive");
        }
        if (maxIdleConnections < 0 || !keepAlive.isPositive()) {
            throw new IllegalArgumentException("gatehouse.egress.max-idle-connections must not be negative and keep-alive must be positive");
        }
    }

    /** The defaults, as a test or a tool without Spring gets them. */
    public static EgressProperties defaults(boolean allowPrivateNetworks) {
        return new EgressProperties(allowPrivateNetworks, List.of(), "", Duration.ofSeconds(5), Duration.ofSeconds(15),
                Duration.ofSeconds(30), 10, org.springframework.util.unit.DataSize.ofMegabytes(10), 256, Duration.ofMinutes(1),
                null);
    }
}

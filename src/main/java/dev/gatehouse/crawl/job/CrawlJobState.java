package dev.gatehouse.crawl.job;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.gatehouse.crawl.CrawlOptions;

/**
 * What a node keeps of one running crawl: its options, read once rather than per page, and a
 * {@link HostGate} per host. Bounded however many hosts a crawl meets: gates idle for a while, or the
 * least used past {@value #MAX_HOSTS} hosts, are dropped (a dropped gate has nothing in flight long
 * after its last request ended, so nothing is lost but its memory).
 */
final class CrawlJobState {

    static final int MAX_HOSTS = 10_000;
    private static final Duration IDLE_HOST = Duration.ofMinutes(10);

    private final CrawlOptions options;
    private final Set<String> seedDomains;
    private final Cache<String, HostGate> gates = Caffeine.newBuilder().maximumSize(MAX_HOSTS).expireAfterAccess(IDLE_HOST)
            .build();

    CrawlJobState(CrawlOptions options) {
        this.options = options;
        this.seedDomains = options.seeds().stream().map(CrawlJobState::domain).collect(Collectors.toUnmodifiableSet());
    }

    CrawlOptions options() {
        return options;
    }

    HostGate gate(URI url) {
        return gates.get(hostKey(url), host -> new HostGate(options.perHostConcurrency()));
    }

    /** For {@code same_domain}: whether {@code url} is on a seed's host, {@code www.} or not. */
    boolean onSeedDomain(URI url) {
        return seedDomains.contains(domain(url));
    }

    /** {@code example.com} for {@code https://www.example.com:8443/a}: the host as {@code PageLinks} counts it. */
    static String domain(URI url) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return host.startsWith("www.") ? host.substring(4) : host;
    }

    private static String hostKey(URI url) {
        return url.getScheme() + "://" + url.getRawAuthority();
    }
}

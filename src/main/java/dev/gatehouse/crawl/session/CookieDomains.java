package dev.gatehouse.crawl.session;

import java.net.URI;
import java.util.Locale;

import crawlercommons.domains.EffectiveTldFinder;

/**
 * Which hosts a cookie belongs to, by RFC 6265 §5.1.3 rather than the JDK's rules. The JDK's
 * cookie store sends a cookie for {@code bank.example} to {@code evilbank.example} as well (it
 * compares string suffixes without a dot boundary), and its policy lets {@code evilbank.example} set
 * one for {@code bank.example}; for cookies that are credentials neither is acceptable. Here:
 * <ul>
 * <li>a cookie whose domain is the host that set it (no {@code Domain} attribute, or one naming that
 *     same host) is host-only: sent to exactly that host;</li>
 * <li>a {@code Domain} cookie is sent to that domain and the hosts below it, at a dot boundary, and
 *     may only be set by one of them; never for a public suffix ({@code co.uk}, {@code github.io},
 *     from the Public Suffix List that crawler-commons carries), nor across IP addresses;</li>
 * <li>a host without a dot is read as {@code <host>.local}, as {@link java.net.CookieManager} names it.</li>
 * </ul>
 */
final class CookieDomains {

    private CookieDomains() {
    }

    /** The host as cookie domains are compared with it: lower case, {@code .local} added to a dotless name. */
    static String hostOf(URI uri) {
        String host = String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT);
        return host.contains(".") ? host : host + ".local";
    }

    /** A cookie domain without its optional leading dot, lower case. */
    static String bare(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return lower.startsWith(".") ? lower.substring(1) : lower;
    }

    /** Whether a response from {@code host} may set a cookie for {@code domain}. */
    static boolean mayBeSetBy(String domain, String host) {
        String bare = bare(domain);
        if (bare.equals(host)) {
            return true;
        }
        return matches(bare, host) && !publicSuffix(bare);
    }

    /** Whether a cookie for {@code domain}, set by {@code origin}, goes to {@code host}. */
    static boolean sentTo(String domain, String origin, String host) {
        String bare = bare(domain);
        boolean hostOnly = !domain.startsWith(".") && bare.equals(origin);
        return hostOnly ? bare.equals(host) : matches(bare, host);
    }

    private static boolean matches(String bare, String host) {
        return host.equals(bare) || host.endsWith("." + bare) && !ipLiteral(host);
    }

    static boolean publicSuffix(String bare) {
        EffectiveTldFinder.EffectiveTLD suffix = EffectiveTldFinder.getEffectiveTLD(bare, false);
        return suffix != null && suffix.getDomain().equals(bare);
    }

    private static boolean ipLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }
}

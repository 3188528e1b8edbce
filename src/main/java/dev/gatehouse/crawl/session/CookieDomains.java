package dev.gatehouse.crawl.session;

import java.net.URI;
import java.util.Locale;

import crawlercommons.domains.EffectiveTldFinder;

/**
 * Which hosts may set a cookie and which get it back, by RFC 6265 §5.1.3, §5.1.4 and §5.3. The JDK's
 * {@link java.net.CookieManager} is not used for this: its store sends a cookie for
 * {@code bank.example} to {@code evilbank.example} as well (it compares string suffixes without a dot
 * boundary), and its policies follow RFC 2965. Here:
 * <ul>
 * <li>a host-only cookie goes to exactly the host that set it;</li>
 * <li>a domain cookie goes to its domain and the hosts below it, at a dot boundary, and may only be
 *     set by one of those hosts; never for a public suffix ({@code co.uk}, {@code github.io}, from the
 *     Public Suffix List that crawler-commons carries), and an IP address matches only itself;</li>
 * <li>a path matches itself and what lies below it at a {@code /} boundary.</li>
 * </ul>
 */
final class CookieDomains {

    private CookieDomains() {
    }

    /** The request host, lower case. */
    static String hostOf(URI uri) {
        return String.valueOf(uri.getHost()).toLowerCase(Locale.ROOT);
    }

    /** A cookie domain without its optional leading dot, lower case. */
    static String bare(String domain) {
        String lower = domain.toLowerCase(Locale.ROOT);
        return lower.startsWith(".") ? lower.substring(1) : lower;
    }

    /** Whether a response from {@code host} may set a cookie for the domain {@code bare}. */
    static boolean mayBeSetBy(String bare, String host) {
        return bare.equals(host) || matches(bare, host) && !publicSuffix(bare);
    }

    static boolean sentTo(StoredCookie cookie, String host) {
        return cookie.hostOnly() ? cookie.domain().equals(host) : matches(cookie.domain(), host);
    }

    static boolean pathMatches(String cookiePath, String requestPath) {
        return requestPath.equals(cookiePath) || requestPath.startsWith(cookiePath)
                && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/');
    }

    /** The path a cookie without a {@code Path} attribute gets: the request path up to its last {@code /}. */
    static String defaultPath(URI uri) {
        String path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || path.lastIndexOf('/') == 0) {
            return "/";
        }
        return path.substring(0, path.lastIndexOf('/'));
    }

    static boolean publicSuffix(String bare) {
        EffectiveTldFinder.EffectiveTLD suffix = EffectiveTldFinder.getEffectiveTLD(bare, false);
        return suffix != null && suffix.getDomain().equals(bare);
    }

    private static boolean matches(String bare, String host) {
        return host.equals(bare) || host.endsWith("." + bare) && !ipLiteral(host);
    }

    private static boolean ipLiteral(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || c >= '0' && c <= '9');
    }
}

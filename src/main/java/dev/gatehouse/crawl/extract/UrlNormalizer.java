package dev.gatehouse.crawl.extract;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Gives each crawlable URL one spelling, so that a crawl visits a page once however its links write it.
 *
 * <p>Starting from an {@code href} as found in a page (relative or absolute, possibly with spaces or non-ASCII
 * characters, which are percent-encoded as UTF-8 as a browser would), the result is resolved against the page's base
 * (RFC 3986 section 5), then: scheme and host lower-cased (a non-ASCII host written in punycode, a trailing dot
 * dropped), the default port (80 for http, 443 for https) dropped,
 * dot segments removed, an empty path written {@code /}, percent-escapes upper-cased and escapes of unreserved
 * characters decoded (RFC 3986 section 6.2.2), the fragment dropped, and the tracking parameters {@code utm_*},
 * {@code gclid}, {@code fbclid} and {@code msclkid} removed from the query. The remaining query keeps its order:
 * sites do read parameters positionally, so sorting could name a different page. A trailing slash is kept as
 * written ({@code /dir} and {@code /dir/} can be different pages, and a server that thinks not redirects one to the
 * other, which the crawl's seen-set then catches).
 *
 * <p>Refused (empty result): schemes other than http and https ({@code mailto:}, {@code javascript:}, data...),
 * URLs without a host, URLs carrying credentials ({@code user:pass@host}, never followed so they never reach a
 * log), unparseable ones, and any longer than {@value #MAX_LENGTH} characters.
 */
public final class UrlNormalizer {

    /** The longest URL followed; longer ones are almost always generated traps, and browsers cap near here too. */
    public static final int MAX_LENGTH = 2048;

    private UrlNormalizer() {
    }

    /** Resolves {@code href} against {@code base} and normalises it; empty when it is not a crawlable URL. */
    public static Optional<URI> normalize(URI base, String href) {
        String trimmed = stripWhitespace(href);
        if (trimmed.length() > MAX_LENGTH * 3) {
            return Optional.empty();
        }
        try {
            URI resolved = resolve(base, new URI(encodeIllegal(asciiHost(trimmed))));
            return normalizeAbsolute(resolved);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Normalises an absolute URL given as text (a seed URL, a sitemap entry). */
    public static Optional<URI> normalize(String absoluteUrl) {
        try {
            return normalizeAbsolute(new URI(encodeIllegal(asciiHost(stripWhitespace(absoluteUrl)))));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static URI resolve(URI base, URI reference) {
        if (reference.isAbsolute()) {
            return reference;
        }
        String raw = reference.toString();
        if (raw.isEmpty() || raw.startsWith("#")) {
            return base;
        }
        if (raw.startsWith("?")) {
            // java.net.URI follows RFC 2396 here and would drop the base's last segment; RFC 3986 keeps it.
            return URI.create(withoutQueryAndFragment(base) + raw);
        }
        if (base.getRawPath() == null || base.getRawPath().isEmpty()) {
            // URI.resolve glues "b" onto "http://a.com" as "http://a.comb"; give the base its root path first.
            base = base.resolve("/");
        }
        return base.resolve(reference);
    }

    private static String withoutQueryAndFragment(URI base) {
        String s = base.toString();
        int cut = s.length();
        int q = s.indexOf('?');
        int f = s.indexOf('#');
        if (q >= 0) cut = q;
        if (f >= 0 && f < cut) cut = f;
        return s.substring(0, cut);
    }

    private static Optional<URI> normalizeAbsolute(URI uri) {
        String scheme = uri.getScheme();
        if (scheme == null || uri.isOpaque()) {
            return Optional.empty();
        }
        scheme = scheme.toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty() || uri.getRawUserInfo() != null) {
            return Optional.empty();
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.length() > 1 && host.endsWith(".")) {
            host = host.substring(0, host.length() - 1); // "example.com." is the same name, fully qualified
        }
        StringBuilder out = new StringBuilder(64).append(scheme).append("://").append(host);
        int port = uri.getPort();
        if (port != -1 && !(port == 80 && scheme.equals("http")) && !(port == 443 && scheme.equals("https"))) {
            out.append(':').append(port);
        }
        String path = uri.getRawPath();
        out.append(path == null || path.isEmpty() ? "/" : normalizeEscapes(removeDotSegments(path)));
        String query = uri.getRawQuery();
        if (query != null) {
            String kept = TrackingParameters.strip(normalizeEscapes(query));
            if (!kept.isEmpty()) {
                out.append('?').append(kept);
            }
        }
        if (out.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        return Optional.of(URI.create(out.toString()));
    }

    private static String removeDotSegments(String path) {
        if (!path.contains("/.") && !path.startsWith(".")) {
            return path;
        }
        String normalized = URI.create("http://h" + (path.startsWith("/") ? "" : "/") + path).normalize().getRawPath();
        // normalize() keeps leading "/../" segments that RFC 3986 says to discard.
        while (normalized.startsWith("/../")) {
            normalized = normalized.substring(3);
        }
        return normalized.equals("/..") ? "/" : normalized;
    }

    /** Upper-cases the hex of every escape and decodes escapes of unreserved characters ({@code %7E} → {@code ~}). */
    private static String normalizeEscapes(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && isEscape(s, i)) {
                int value = Integer.parseInt(s, i + 1, i + 3, 16);
                if (isUnreserved((char) value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(Character.toUpperCase(s.charAt(i + 1))).append(Character.toUpperCase(s.charAt(i + 2)));
                }
                i += 2;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Writes a non-ASCII host in its ASCII form ({@code bücher.de} → {@code xn--bcher-kva.de}), as a browser does
     * before resolving it, so both spellings are one URL. Percent-encoding the host instead would leave no host at
     * all. A host IDNA refuses throws {@link IllegalArgumentException}, which refuses the URL.
     */
    static String asciiHost(String url) {
        if (isAscii(url, 0, url.length())) {
            return url;
        }
        int authority = authorityStart(url);
        if (authority < 0) {
            return url;
        }
        int end = authority;
        while (end < url.length() && "/?#\\".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int at = url.lastIndexOf('@', end - 1);
        int hostStart = at >= authority ? at + 1 : authority;
        int colon = url.indexOf(':', hostStart);
        int hostEnd = colon >= 0 && colon < end ? colon : end;
        if (isAscii(url, hostStart, hostEnd)) {
            return url;
        }
        String host = IDN.toASCII(url.substring(hostStart, hostEnd), IDN.ALLOW_UNASSIGNED);
        return url.substring(0, hostStart) + host + url.substring(hostEnd);
    }

    /** Where the authority ({@code host:port}) starts: after {@code scheme://} or a leading {@code //}; -1 if none. */
    private static int authorityStart(String url) {
        if (url.startsWith("//")) {
            return 2;
        }
        int colon = url.indexOf(':');
        if (colon <= 0 || !url.startsWith("//", colon + 1)) {
            return -1;
        }
        for (int i = 0; i < colon; i++) {
            char c = url.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '+' || c == '-' || c == '.')) {
                return -1;
            }
        }
        return colon + 3;
    }

    private static boolean isAscii(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) >= 128) {
                return false;
            }
        }
        return true;
    }

    private static String stripWhitespace(String href) {
        String s = href.strip();
        // Browsers drop tabs and newlines anywhere in a URL (WHATWG URL parser); pages do wrap long hrefs.
        if (s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0 || s.indexOf('\t') >= 0) {
            s = s.replace("\n", "").replace("\r", "").replace("\t", "");
        }
        return s;
    }

    /** Percent-encodes, as UTF-8, every character a URI may not hold, and every '%' that does not start an escape. */
    static String encodeIllegal(String s) {
        boolean clean = true;
        for (int i = 0; i < s.length() && clean; i++) {
            clean = isAllowed(s.charAt(i)) && (s.charAt(i) != '%' || isEscape(s, i));
        }
        if (clean) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && !isEscape(s, i)) {
                out.append("%25");
            } else if (isAllowed(c)) {
                out.append(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                for (byte b : s.substring(i, end).getBytes(StandardCharsets.UTF_8)) {
                    out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
                            .append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
                }
                i = end - 1;
            }
        }
        return out.toString();
    }

    private static boolean isEscape(String s, int i) {
        return i + 2 < s.length() && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0;
    }

    private static boolean isAllowed(char c) {
        // '[' and ']' are encoded too: java.net.URI refuses them outside an IPv6 host, and links to IPv6 literals
        // are not followed (an IPv6 literal host is refused as having no host).
        return isUnreserved(c) || ":/?#@!$&'()*+,;=%".indexOf(c) >= 0;
    }

    private static boolean isUnreserved(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}

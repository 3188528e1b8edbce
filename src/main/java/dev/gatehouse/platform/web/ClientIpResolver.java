package dev.gatehouse.platform.web;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one answer to "who is calling": rate limits, audit and lockouts all ask here.
 *
 * <p>Forwarding headers ({@code Forwarded}, else {@code X-Forwarded-For}) are believed only when
 * the TCP peer is a trusted proxy. The chain is then walked from the right, skipping trusted
 * proxies; the first address that is not one is the client. Left of that point every entry may
 * be forged by the client itself, so it is never read. An entry that is not an IP literal stops
 * the walk and the last trusted hop is taken as the client.
 */
public final class ClientIpResolver {

    private static final String ATTRIBUTE = ClientIpResolver.class.getName() + ".client";

    private final TrustedProxies trustedProxies;

    public ClientIpResolver(TrustedProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    /** Resolved once per request and remembered on it. */
    public ClientAddress resolve(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof ClientAddress known) {
            return known;
        }
        ClientAddress resolved = resolveFresh(request);
        request.setAttribute(ATTRIBUTE, resolved);
        return resolved;
    }

    private ClientAddress resolveFresh(HttpServletRequest request) {
        String peerText = request.getRemoteAddr();
        InetAddress peer = ClientAddresses.literal(peerText == null ? "" : peerText);
        boolean peerTrusted = peer != null && trustedProxies.contains(peer);
        if (!peerTrusted) {
            return new ClientAddress(peer == null ? String.valueOf(peerText) : peer.getHostAddress(), request.isSecure());
        }
        String client = peer.getHostAddress();
        for (String hop : forwardedChain(request).reversed()) {
            InetAddress address = ClientAddresses.literal(hop);
            if (address == null) {
                break;
            }
            client = address.getHostAddress();
            if (!trustedProxies.contains(address)) {
                break;
            }
        }
        return new ClientAddress(client, request.isSecure() || forwardedHttps(request));
    }

    private static List<String> forwardedChain(HttpServletRequest request) {
        List<String> forwarded = Collections.list(request.getHeaders("Forwarded"));
        if (!forwarded.isEmpty()) {
            List<String> hops = new ArrayList<>();
            for (String header : forwarded) {
                for (String element : header.split(",")) {
                    hops.add(forParameter(element));
                }
            }
            return hops;
        }
        List<String> hops = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders("X-Forwarded-For"))) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        return hops;
    }

    /** RFC 7239: {@code for=192.0.2.60;proto=https} or {@code for="[2001:db8::1]:4711"}. */
    private static String forParameter(String element) {
        for (String pair : element.split(";")) {
            String trimmed = pair.trim();
            if (trimmed.regionMatches(true, 0, "for=", 0, 4)) {
                return stripPort(unquote(trimmed.substring(4)));
            }
        }
        return "";
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    private static String stripPort(String value) {
        if (value.startsWith("[")) {
            int close = value.indexOf(']');
            return close < 0 ? value : value.substring(0, close + 1);
        }
        int colon = value.indexOf(':');
        return colon >= 0 && colon == value.lastIndexOf(':') ? value.substring(0, colon) : value;
    }

    private static boolean forwardedHttps(HttpServletRequest request) {
        String proto = request.getHeader("X-Forwarded-Proto");
        if (proto != null) {
            return proto.trim().toLowerCase(Locale.ROOT).startsWith("https");
        }
        String forwarded = request.getHeader("Forwarded");
        return forwarded != null && forwarded.toLowerCase(Locale.ROOT).contains("proto=https");
    }

    /** Where a request came from, as far as we can trust it. */
    public record ClientAddress(String ip, boolean secure) {
    }
}

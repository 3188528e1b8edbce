package dev.gatehouse.platform.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/** Literal IP parsing shared by the proxy list and the forwarding headers; never resolves names. */
final class ClientAddresses {

    private ClientAddresses() {
    }

    static byte @Nullable [] parseLiteral(String text) {
        InetAddress address = literal(text);
        return address == null ? null : address.getAddress();
    }

    /**
     * Parses an IPv4 or IPv6 literal, with or without brackets; IPv4-mapped IPv6 addresses are
     * reduced to IPv4 so {@code ::ffff:10.0.0.1} matches {@code 10.0.0.0/8}.
     */
    static @Nullable InetAddress literal(String text) {
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        if (candidate.isEmpty() || candidate.length() > 45) {
            return null;
        }
        try {
            InetAddress address = InetAddress.ofLiteral(candidate);
            if (address instanceof Inet6Address v6 && v6.getScopedInterface() == null && isIpv4Mapped(v6.getAddress())) {
                byte[] bytes = v6.getAddress();
                return Inet4Address.getByAddress(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
            }
            return address;
        } catch (IllegalArgumentException | java.net.UnknownHostException e) {
            return null;
        }
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
    }
}

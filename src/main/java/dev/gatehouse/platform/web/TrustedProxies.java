package dev.gatehouse.platform.web;

import java.net.InetAddress;
import java.util.List;

/**
 * The networks whose forwarding headers we believe. Parses literals only
 * ({@link InetAddress#ofLiteral}), so a setting can never trigger a DNS lookup.
 */
public final class TrustedProxies {

    private final List<Cidr> networks;

    private TrustedProxies(List<Cidr> networks) {
        this.networks = networks;
    }

    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** @throws IllegalArgumentException naming the first entry that is not an IP address or CIDR block */
    public static TrustedProxies parse(List<String> entries) {
        return new TrustedProxies(entries.stream().map(String::trim).filter(e -> !e.isEmpty()).map(Cidr::parse).toList());
    }

    public boolean contains(InetAddress address) {
        for (Cidr network : networks) {
            if (network.contains(address)) {
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    /** An address block such as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a /32 or /128. */
    record Cidr(byte[] network, int prefixLength) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String addressPart = slash < 0 ? text : text.substring(0, slash);
            byte[] address = ClientAddresses.parseLiteral(addressPart);
            if (address == null) {
                throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
            }
            int maxPrefix = address.length * 8;
            int prefix;
            try {
                prefix = slash < 0 ? maxPrefix : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has an invalid prefix length");
            }
            if (prefix < 0 || prefix > maxPrefix) {
                throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0.." + maxPrefix);
            }
            return new Cidr(address, prefix);
        }

        boolean contains(InetAddress candidate) {
            byte[] bytes = candidate.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int fullBytes = prefixLength / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int remainingBits = prefixLength % 8;
            if (remainingBits == 0) {
                return true;
            }
            int mask = 0xFF << (8 - remainingBits);
            return (bytes[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}

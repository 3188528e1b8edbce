package dev.gatehouse.platform.egress;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/*
 * The address blocks no user-supplied URL may reach, after the IANA IPv4 and IPv6 Special-Purpose
 * Address Registries (RFC 6890 and its updates) plus the cloud metadata endpoints. Order matters:
 * the first matching block wins, so single metadata hosts come before the wider block that holds
 * them (169.254.169.254 before 169.254/16, 100.100.100.200 before 100.64/10).
 *
 * IPv6 can carry an IPv4 address inside it: IPv4-mapped ::ffff:0:0/96, IPv4-compatible ::/96,
 * SIIT ::ffff:0:0:0/96, NAT64 64:ff9b::/96 and 6to4 2002::/16. Such an address is judged by the
 * IPv4 address it hides, so ::ffff:127.0.0.1 and 64:ff9b::7f00:1 are loopback, while NAT64 to a
 * public IPv4 address stays usable. Teredo (2001::/32) obfuscates its IPv4 and is refused whole.
 */
final class SpecialRanges {

    private static final Map<Cidr, DenialReason> IPV4 = table(
            "169.254.169.254/32", DenialReason.CLOUD_METADATA,  // AWS, GCP, Azure, OpenStack, Oracle, DigitalOcean
            "100.100.100.200/32", DenialReason.CLOUD_METADATA,  // Alibaba Cloud
            "168.63.129.16/32", DenialReason.CLOUD_METADATA,    // Azure WireServer
            "0.0.0.0/8", DenialReason.UNSPECIFIED,
            "10.0.0.0/8", DenialReason.PRIVATE,
            "100.64.0.0/10", DenialReason.PRIVATE,              // carrier-grade NAT, often an internal network
            "127.0.0.0/8", DenialReason.LOOPBACK,
            "169.254.0.0/16", DenialReason.LINK_LOCAL,
            "172.16.0.0/12", DenialReason.PRIVATE,
            "192.0.0.0/24", DenialReason.RESERVED,              // IETF protocol assignments
            "192.0.2.0/24", DenialReason.RESERVED,              // documentation
            "192.88.99.0/24", DenialReason.RESERVED,            // 6to4 relay anycast
            "192.168.0.0/16", DenialReason.PRIVATE,
            "198.18.0.0/15", DenialReason.RESERVED,             // benchmarking
            "198.51.100.0/24", DenialReason.RESERVED,           // documentation
            "203.0.113.0/24", DenialReason.RESERVED,            // documentation
            "224.0.0.0/4", DenialReason.MULTICAST,
            "255.255.255.255/32", DenialReason.BROADCAST,
            "240.0.0.0/4", DenialReason.RESERVED);

    private static final Map<Cidr, DenialReason> IPV6 = table(
            "fd00:ec2::254/128", DenialReason.CLOUD_METADATA,   // AWS over IPv6
            "::/128", DenialReason.UNSPECIFIED,
            "::1/128", DenialReason.LOOPBACK,
            "64:ff9b:1::/48", DenialReason.RESERVED,            // local-use NAT64
            "100::/64", DenialReason.RESERVED,                  // discard-only
            "2001::/23", DenialReason.RESERVED,                 // IETF protocol assignments, Teredo among them
            "2001:db8::/32", DenialReason.RESERVED,             // documentation
            "fc00::/7", DenialReason.PRIVATE,                   // unique local
            "fe80::/10", DenialReason.LINK_LOCAL,
            "fec0::/10", DenialReason.RESERVED,                 // deprecated site-local
            "ff00::/8", DenialReason.MULTICAST);

    private static final Cidr COMPATIBLE = Cidr.parse("::/96");
    private static final Cidr TRANSLATED = Cidr.parse("::ffff:0:0:0/96");
    private static final Cidr NAT64 = Cidr.parse("64:ff9b::/96");
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private SpecialRanges() {
    }

    /** The reason {@code address} (4 or 16 raw bytes) is special, if it is. */
    static Optional<DenialReason> classify(byte[] address) {
        if (address.length == 4) {
            return first(IPV4, address);
        }
        Optional<DenialReason> own = first(IPV6, address);
        if (own.isPresent()) {
            return own;
        }
        byte[] embedded = embeddedIpv4(address);
        return embedded == null ? Optional.empty() : first(IPV4, embedded);
    }

    /** The IPv4 address hidden in an IPv6 one by a transition mechanism, or null. */
    static byte @org.jspecify.annotations.Nullable [] embeddedIpv4(byte[] ipv6) {
        if (isMapped(ipv6) || COMPATIBLE.contains(ipv6) || TRANSLATED.contains(ipv6) || NAT64.contains(ipv6)) {
            return Arrays.copyOfRange(ipv6, 12, 16);
        }
        if (SIX_TO_FOUR.contains(ipv6)) {
            return Arrays.copyOfRange(ipv6, 2, 6);
        }
        return null;
    }

    /** ::ffff:0:0/96; Java turns such literals into Inet4Address, so it is matched on bytes, not parsed. */
    private static boolean isMapped(byte[] ipv6) {
        for (int i = 0; i < 10; i++) {
            if (ipv6[i] != 0) {
                return false;
            }
        }
        return ipv6[10] == (byte) 0xFF && ipv6[11] == (byte) 0xFF;
    }

    private static Optional<DenialReason> first(Map<Cidr, DenialReason> table, byte[] address) {
        for (Map.Entry<Cidr, DenialReason> entry : table.entrySet()) {
            if (entry.getKey().contains(address)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private static Map<Cidr, DenialReason> table(Object... pairs) {
        Map<Cidr, DenialReason> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put(Cidr.parse((String) pairs[i]), (DenialReason) pairs[i + 1]);
        }
        return table;
    }
}

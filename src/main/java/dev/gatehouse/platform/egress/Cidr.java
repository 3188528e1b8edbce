package dev.gatehouse.platform.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An address block such as {@code 10.0.0.0/8} or {@code fc00::/7}, matched on raw address bytes. */
record Cidr(byte[] network, int prefixLength) {

    Cidr {
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length out of range");
        }
        network = network.clone();
    }

    /** Parses {@code address/length} (a bare address is a single host); literals only, never a DNS lookup. */
    static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text.strip() : text.substring(0, slash).strip();
        byte[] bytes = literal(address);
        int length = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1).strip());
        return new Cidr(bytes, length);
    }

    boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        int whole = prefixLength / 8;
        for (int i = 0; i < whole; i++) {
            if (address[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (address[whole] & mask) == (network[whole] & mask);
    }

    private static byte[] literal(String address) {
        if (!address.matches("[0-9a-fA-F:.]+") || (!address.contains(":") && !address.matches("[0-9.]+"))) {
            throw new IllegalArgumentException("not an IP address: " + address);
        }
        try {
            return InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + address, e);
        }
    }
}

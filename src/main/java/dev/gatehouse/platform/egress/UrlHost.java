package dev.gatehouse.platform.egress;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/*
 * The host of a URL as a browser or curl reads it, so that what the policy judges is what gets
 * connected to. The WHATWG URL Standard's IPv4 parser (https://url.spec.whatwg.org/#concept-ipv4-parser)
 * takes a host that "ends in a number" as an IPv4 address written in one to four dot-separated parts,
 * each decimal, octal (leading 0) or hex (0x): 2130706433, 0x7f000001, 0177.0.0.1 and 127.1 are all
 * 127.0.0.1. A host that ends in a number but fails that parser is no host at all (invalid URL),
 * never a name to resolve. A single trailing dot is dropped from both addresses and names.
 */
sealed interface UrlHost {

    /** An IP literal: connect to exactly this address, no DNS. */
    record Address(InetAddress address) implements UrlHost {
    }

    /** A DNS name, lower case, no trailing dot. */
    record Name(String name) implements UrlHost {
    }

    /** Parses a host as OkHttp's {@code HttpUrl.host()} gives it (decoded, IDNA-mapped, IPv6 unbracketed). */
    static UrlHost parse(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        if (lower.startsWith("[") && lower.endsWith("]")) {
            lower = lower.substring(1, lower.length() - 1);
        }
        if (lower.contains(":")) {
            return new Address(ipv6(lower));
        }
        if (lower.isEmpty() || lower.equals(".")) {
            throw new IllegalArgumentException("empty host");
        }
        if (endsInNumber(lower)) {
            return new Address(ipv4(lower));
        }
        return new Name(lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower);
    }

    private static InetAddress ipv6(String literal) {
        // hex digits, colons and dots only: InetAddress then parses a literal and never asks DNS
        if (!literal.matches("[0-9a-f:.]+")) {
            throw new IllegalArgumentException("not an IPv6 literal");
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv6 literal", e);
        }
    }

    private static boolean endsInNumber(String host) {
        List<String> parts = parts(host);
        if (parts.isEmpty()) {
            return false;
        }
        String last = parts.getLast();
        return !last.isEmpty() && (last.chars().allMatch(c -> c >= '0' && c <= '9') || number(last) != null);
    }

    private static InetAddress ipv4(String host) {
        List<String> parts = parts(host);
        if (parts.size() > 4) {
            throw new IllegalArgumentException("not an IPv4 address");
        }
        List<BigInteger> numbers = new ArrayList<>();
        for (String part : parts) {
            BigInteger number = number(part);
            if (number == null) {
                throw new IllegalArgumentException("not an IPv4 address");
            }
            numbers.add(number);
        }
        BigInteger octet = BigInteger.valueOf(256);
        for (int i = 0; i < numbers.size() - 1; i++) {
            if (numbers.get(i).compareTo(octet) >= 0) {
                throw new IllegalArgumentException("not an IPv4 address");
            }
        }
        BigInteger value = numbers.getLast();
        if (value.compareTo(octet.pow(5 - numbers.size())) >= 0) {
            throw new IllegalArgumentException("not an IPv4 address");
        }
        for (int i = 0; i < numbers.size() - 1; i++) {
            value = value.add(numbers.get(i).multiply(octet.pow(3 - i)));
        }
        byte[] bytes = new byte[4];
        long bits = value.longValueExact();
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) (bits >>> (24 - 8 * i));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an address", e);
        }
    }

    /** The dot-separated parts, without the empty one a trailing dot leaves. */
    private static List<String> parts(String host) {
        List<String> parts = new ArrayList<>(List.of(host.split("\\.", -1)));
        if (parts.size() > 1 && parts.getLast().isEmpty()) {
            parts.removeLast();
        }
        return parts;
    }

    /** One part in decimal, 0-prefixed octal or 0x-prefixed hex; null when it is none of them. */
    private static @org.jspecify.annotations.Nullable BigInteger number(String part) {
        if (part.isEmpty() || part.length() > 64) {
            return null;
        }
        int radix = 10;
        String digits = part;
        if (part.length() >= 2 && (part.startsWith("0x") || part.startsWith("0X"))) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() >= 2 && part.startsWith("0")) {
            radix = 8;
            digits = part.substring(1);
        }
        if (digits.isEmpty()) {
            return BigInteger.ZERO;
        }
        for (char c : digits.toCharArray()) {
            if (c > 127 || Character.digit(c, radix) < 0) {
                return null;
            }
        }
        return new BigInteger(digits, radix);
    }
}

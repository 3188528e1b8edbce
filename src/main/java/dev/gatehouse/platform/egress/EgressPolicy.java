package dev.gatehouse.platform.egress;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * Decides whether Gatehouse may connect to an address on a user's behalf. It judges resolved
 * addresses, never host names: a name is only as safe as what it resolves to at connect time,
 * which is why the client vets each address its DNS answer returns and connects to exactly that one.
 *
 * <p>Refused: everything in {@link SpecialRanges} (loopback, private, link-local, multicast,
 * unspecified, broadcast, reserved and documentation blocks, cloud metadata endpoints, and IPv4
 * hidden in IPv6), plus the operator's {@code denied-networks}. {@code allow-private-networks} opens
 * loopback and private blocks only; metadata endpoints, link-local and the rest stay refused.
 */
public final class EgressPolicy {

    private final boolean allowPrivateNetworks;
    private final List<Cidr> deniedNetworks;

    EgressPolicy(boolean allowPrivateNetworks, List<Cidr> deniedNetworks) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.deniedNetworks = List.copyOf(deniedNetworks);
    }

    public static EgressPolicy of(EgressProperties properties) {
        return new EgressPolicy(properties.allowPrivateNetworks(),
                properties.deniedNetworks().stream().map(Cidr::parse).toList());
    }

    /** Why {@code address} is refused, or empty when it may be connected to. */
    public Optional<DenialReason> judge(InetAddress address) {
        byte[] bytes = address.getAddress();
        for (Cidr denied : deniedNetworks) {
            if (denied.contains(bytes)) {
                return Optional.of(DenialReason.OPERATOR_DENIED);
            }
        }
        Optional<DenialReason> special = SpecialRanges.classify(bytes);
        if (special.isPresent() && allowPrivateNetworks && special.get().privateNetwork()) {
            return Optional.empty();
        }
        return special;
    }

    /** Refuses {@code address} with an {@link EgressRefusal} that names no address. */
    void check(InetAddress address) throws EgressRefusal {
        Optional<DenialReason> reason = judge(address);
        if (reason.isPresent()) {
            throw new EgressRefusal(reason.get());
        }
    }
}

package dev.gatehouse.platform.egress;

/** Why an address is refused; {@link #code()} is the stable lower-case name used in events and logs. */
public enum DenialReason {
    LOOPBACK,
    PRIVATE,
    LINK_LOCAL,
    MULTICAST,
    UNSPECIFIED,
    BROADCAST,
    CLOUD_METADATA,
    RESERVED,
    /** In {@code gatehouse.egress.denied-networks}, the operator's own list. */
    OPERATOR_DENIED;

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Only these open up with {@code allow-private-networks}: the on-premises and test cases. */
    boolean privateNetwork() {
        return this == LOOPBACK || this == PRIVATE;
    }
}

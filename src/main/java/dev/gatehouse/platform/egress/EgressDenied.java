package dev.gatehouse.platform.egress;

/**
 * Published when the policy refuses a fetch, for the capability that made it to audit.
 *
 * @param host   the host as the URL named it (never the address it resolved to)
 * @param reason why, as {@link DenialReason#code()}
 */
public record EgressDenied(String host, String reason) {
}

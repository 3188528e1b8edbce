package dev.gatehouse.platform.egress;

import java.net.UnknownHostException;

/**
 * Thrown inside OkHttp when the policy refuses every address of a host or the one a socket is about
 * to connect to. It extends {@link UnknownHostException} because OkHttp's {@code Dns.lookup} may
 * throw only that, and OkHttp passes IOExceptions through to the caller, where the client turns it
 * into {@code egress_denied}. The message names the reason only, never the address.
 */
final class EgressRefusal extends UnknownHostException {

    private final DenialReason reason;

    EgressRefusal(DenialReason reason) {
        super("egress refused: " + reason.code());
        this.reason = reason;
    }

    DenialReason reason() {
        return reason;
    }
}

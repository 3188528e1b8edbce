package dev.gatehouse.platform.egress;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import okhttp3.Dns;

/**
 * Resolves once and hands OkHttp only the addresses the policy allows; OkHttp then connects to one
 * of exactly these, so a name that resolves differently a moment later (DNS rebinding) changes nothing.
 * When no address passes, the lookup fails with the first refusal's reason.
 */
final class VettingDns implements Dns {

    private final HostResolver resolver;
    private final EgressPolicy policy;

    VettingDns(HostResolver resolver, EgressPolicy policy) {
        this.resolver = resolver;
        this.policy = policy;
    }

    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
        List<InetAddress> allowed = new ArrayList<>();
        DenialReason firstRefusal = null;
        for (InetAddress address : resolver.resolve(hostname)) {
            Optional<DenialReason> reason = policy.judge(address);
            if (reason.isEmpty()) {
                allowed.add(address);
            } else if (firstRefusal == null) {
                firstRefusal = reason.get();
            }
        }
        if (allowed.isEmpty()) {
            if (firstRefusal != null) {
                throw new EgressRefusal(firstRefusal);
            }
            throw new UnknownHostException("no address");
        }
        return allowed;
    }
}

package dev.gatehouse.audit.internal;

import org.springframework.context.event.EventListener;

import dev.gatehouse.audit.AuditEvent;
import dev.gatehouse.platform.web.ClientIpResolver;

/**
 * Records every published {@link AuditEvent}. Deliberately a plain synchronous listener, not a
 * transactional or asynchronous one: it runs inside the publisher's transaction, so the change
 * and its record commit or roll back together, and a failure to record fails the change rather
 * than losing the record. Without a transaction the record commits on its own.
 */
public final class AuditEventRecorder {

    private final AuditChain chain;
    private final ClientIpResolver clientIps;

    public AuditEventRecorder(AuditChain chain, ClientIpResolver clientIps) {
        this.chain = chain;
        this.clientIps = clientIps;
    }

    @EventListener
    public void on(AuditEvent event) {
        chain.append(event, RequestOrigin.current(clientIps));
    }
}

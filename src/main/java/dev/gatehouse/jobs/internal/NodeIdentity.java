package dev.gatehouse.jobs.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

import org.springframework.stereotype.Component;

/**
 * Who holds a lease: the host name plus a UUID per process, so a restarted node never mistakes its
 * predecessor's leases (which the reaper returns to the queue) for its own.
 */
@Component
public class NodeIdentity {

    private final String id;

    NodeIdentity() {
        this.id = hostName() + "/" + UUID.randomUUID();
    }

    public String id() {
        return id;
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 80 ? name.substring(0, 80) : name;
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}

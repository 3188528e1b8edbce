package dev.gatehouse.platform.egress;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

import javax.net.ssl.SSLException;

import dev.gatehouse.platform.egress.FetchException.Failure;

/** Maps what OkHttp threw to a stable failure; OkHttp may wrap or suppress the cause, so both are searched. */
final class IoFailures {

    private IoFailures() {
    }

    static Optional<EgressRefusal> refusal(Throwable thrown) {
        Deque<Throwable> pending = new ArrayDeque<>();
        pending.push(thrown);
        int seen = 0;
        while (!pending.isEmpty() && seen++ < 32) {
            Throwable next = pending.pop();
            if (next instanceof EgressRefusal refusal) {
                return Optional.of(refusal);
            }
            if (next.getCause() != null) {
                pending.push(next.getCause());
            }
            for (Throwable suppressed : next.getSuppressed()) {
                pending.push(suppressed);
            }
        }
        return Optional.empty();
    }

    static Failure classify(IOException thrown) {
        if (refusal(thrown).isPresent()) {
            return Failure.EGRESS_DENIED;
        }
        return switch (thrown) {
            case InterruptedIOException timeout -> Failure.TIMEOUT;
            case UnknownHostException dns -> Failure.DNS_FAILED;
            case SSLException tls -> Failure.TLS_FAILED;
            case ConnectException connect -> Failure.CONNECT_FAILED;
            case NoRouteToHostException route -> Failure.CONNECT_FAILED;
            case ProtocolException protocol -> Failure.PROTOCOL_ERROR;
            default -> thrown.getCause() instanceof IOException cause && cause != thrown
                    ? classify(cause) : Failure.NETWORK_ERROR;
        };
    }
}

package dev.gatehouse.platform.egress;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;

import javax.net.SocketFactory;

/**
 * The last gate: every socket checks the address it is about to connect to. OkHttp skips
 * {@link okhttp3.Dns} for IP-literal hosts, so this is where {@code http://127.0.0.1/} is refused,
 * and it backs up {@link VettingDns} for every other route. OkHttp only asks for unconnected sockets;
 * the connect-now variants are refused rather than implemented, so none can bypass the check.
 *
 * <p>OkHttp layers TLS over the socket made here ({@code SSLSocketFactory.createSocket(socket, host, port, true)}),
 * so https goes through the same check. It also bounds the TLS handshake by the read timeout, not the connect
 * timeout: a server that accepts and then stalls the handshake would hold a fetch for the whole read timeout.
 * So a connected socket keeps the connect timeout as its read timeout; OkHttp sets its own as soon as the
 * connection is set up (the read timeout for HTTP/1.1, per-stream timeouts for HTTP/2).
 */
final class VettingSocketFactory extends SocketFactory {

    private final EgressPolicy policy;

    VettingSocketFactory(EgressPolicy policy) {
        this.policy = policy;
    }

    @Override
    public Socket createSocket() {
        return new VettedSocket(policy);
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        throw new SocketException("only unconnected sockets");
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        throw new SocketException("only unconnected sockets");
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        throw new SocketException("only unconnected sockets");
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        throw new SocketException("only unconnected sockets");
    }

    private static final class VettedSocket extends Socket {

        private final EgressPolicy policy;

        VettedSocket(EgressPolicy policy) {
            this.policy = policy;
        }

        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
            if (!(endpoint instanceof InetSocketAddress target) || target.isUnresolved()) {
                throw new ConnectException("not a resolved address");
            }
            policy.check(target.getAddress());
            super.connect(endpoint, timeout);
            if (timeout > 0) {
                setSoTimeout(timeout);
            }
        }
    }
}

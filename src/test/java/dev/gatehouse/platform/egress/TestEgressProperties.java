package dev.gatehouse.platform.egress;

import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/** {@link EgressProperties} for tests: the defaults, with the few settings a test turns. */
final class TestEgressProperties {

    private TestEgressProperties() {
    }

    static EgressProperties of(boolean allowPrivateNetworks, List<String> deniedNetworks, @Nullable Path trustPem) {
        EgressProperties base = EgressProperties.defaults(allowPrivateNetworks);
        return new EgressProperties(allowPrivateNetworks, deniedNetworks, base.userAgent(), base.connectTimeout(),
                base.readTimeout(), base.totalTimeout(), base.maxRedirects(), base.maxBodySize(),
                base.maxIdleConnections(), base.keepAlive(), trustPem);
    }
}

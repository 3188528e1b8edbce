package dev.gatehouse.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class ClientIpResolverTest {

    private static ClientIpResolver trusting(String... cidrs) {
        return new ClientIpResolver(TrustedProxies.parse(List.of(cidrs)));
    }

    private static MockHttpServletRequest from(String peer) {
        MockHttpServletRequest request = new MockHttpServletRequest();
        request.setRemoteAddr(peer);
        return request;
    }

    @Test
    void forwardingHeadersFromAnUntrustedPeerAreIgnored() {
        MockHttpServletRequest request = from("203.0.113.9");
        request.addHeader("X-Forwarded-For", "1.2.3.4");
        request.addHeader("X-Forwarded-Proto", "https");
        ClientIpResolver.ClientAddress client = trusting("10.0.0.0/8").resolve(request);
        assertThat(client.ip()).isEqualTo("203.0.113.9");
        assertThat(client.secure()).isFalse();
    }

    @Test
    void theRightMostUntrustedAddressIsTheClientAndForgedLeftEntriesAreNeverRead() {
        MockHttpServletRequest request = from("10.0.0.2");
        request.addHeader("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.0.0.1");
        assertThat(trusting("10.0.0.0/8").resolve(request).ip()).isEqualTo("198.51.100.7");
    }

    @Test
    void forwardedHeaderIsPreferredAndItsQuotedIpv6FormIsUnderstood() {
        MockHttpServletRequest request = from("::1");
        request.addHeader("Forwarded", "for=192.0.2.1, for=\"[2001:db8::17]:4711\";proto=https");
        request.addHeader("X-Forwarded-For", "9.9.9.9");
        ClientIpResolver.ClientAddress client = trusting("::1/128").resolve(request);
        assertThat(client.ip()).isEqualTo("2001:db8:0:0:0:0:0:17");
        assertThat(client.secure()).isTrue();
    }

    @Test
    void garbageInTheChainStopsAtTheLastTrustedHop() {
        MockHttpServletRequest request = from("10.0.0.2");
        request.addHeader("X-Forwarded-For", "1.1.1.1, evil.example, 10.0.0.1");
        assertThat(trusting("10.0.0.0/8").resolve(request).ip()).isEqualTo("10.0.0.1");
    }

    @Test
    void aChainOfOnlyTrustedProxiesYieldsTheLeftMostOfThem() {
        MockHttpServletRequest request = from("10.0.0.2");
        request.addHeader("X-Forwarded-For", "10.0.0.3");
        assertThat(trusting("10.0.0.0/8").resolve(request).ip()).isEqualTo("10.0.0.3");
    }

    @Test
    void cidrMatchingCoversPartialBytesIpv6AndMappedIpv4() throws Exception {
        TrustedProxies proxies = TrustedProxies.parse(List.of("172.16.0.0/12", "fd00::/8", "192.0.2.7"));
        assertThat(proxies.contains(InetAddress.ofLiteral("172.31.255.1"))).isTrue();
        assertThat(proxies.contains(InetAddress.ofLiteral("172.32.0.1"))).isFalse();
        assertThat(proxies.contains(InetAddress.ofLiteral("fd12::1"))).isTrue();
        assertThat(proxies.contains(InetAddress.ofLiteral("fe80::1"))).isFalse();
        assertThat(proxies.contains(InetAddress.ofLiteral("192.0.2.7"))).isTrue();
        assertThat(proxies.contains(ClientAddresses.literal("::ffff:172.16.0.1"))).isTrue();
    }

    @Test
    void entriesThatAreNotAddressesAreRefusedWithoutAnyDnsLookup() {
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/8", "proxy.internal")))
                .hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/33"))).hasMessageContaining("prefix");
        assertThatThrownBy(() -> TrustedProxies.parse(List.of("10.0.0.0/x"))).hasMessageContaining("prefix");
    }

    @Test
    void insaneRequestIdsAreReplaced() {
        assertThat(RequestTracingFilter.requestId("abc-123_x.y")).isEqualTo("abc-123_x.y");
        assertThat(RequestTracingFilter.requestId("bad id\r\nX-Evil: 1")).matches("[0-9a-f]{32}");
        assertThat(RequestTracingFilter.requestId("x".repeat(129))).matches("[0-9a-f]{32}");
        assertThat(RequestTracingFilter.requestId(null)).matches("[0-9a-f]{32}");
    }
}

package dev.gatehouse.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.gatehouse.platform.egress.FetchException.Failure;

/** Decisions only: every address here is parsed from a literal or a URL and never connected to. */
class EgressPolicyTest {

    private static final EgressPolicy STRICT = new EgressPolicy(false, List.of());
    private static final EgressPolicy ON_PREMISES = new EgressPolicy(true, List.of());

    @ParameterizedTest(name = "{0} -> {1}, with private networks allowed -> {2}")
    @CsvSource(nullValues = "allowed", value = {
            "10.0.0.1,            private,        allowed",
            "172.16.0.1,          private,        allowed",
            "172.31.255.255,      private,        allowed",
            "172.32.0.1,          allowed,        allowed",
            "192.168.1.1,         private,        allowed",
            "100.64.0.1,          private,        allowed",
            "127.0.0.1,           loopback,       allowed",
            "127.255.0.9,         loopback,       allowed",
            "169.254.169.254,     cloud_metadata, cloud_metadata",
            "100.100.100.200,     cloud_metadata, cloud_metadata",
            "fd00:ec2::254,       cloud_metadata, cloud_metadata",
            "169.254.1.1,         link_local,     link_local",
            "0.0.0.0,             unspecified,    unspecified",
            "255.255.255.255,     broadcast,      broadcast",
            "224.0.0.1,           multicast,      multicast",
            "192.0.2.1,           reserved,       reserved",
            "240.0.0.1,           reserved,       reserved",
            "::,                  unspecified,    unspecified",
            "::1,                 loopback,       allowed",
            "fe80::1,             link_local,     link_local",
            "fc00::1,             private,        allowed",
            "fd12:3456::1,        private,        allowed",
            "ff02::1,             multicast,      multicast",
            "2001:db8::1,         reserved,       reserved",
            "::ffff:10.0.0.1,     private,        allowed",
            "::ffff:169.254.169.254, cloud_metadata, cloud_metadata",
            "::a00:1,             private,        allowed",
            "::ffff:0:7f00:1,     loopback,       allowed",
            "64:ff9b::a00:1,      private,        allowed",
            "64:ff9b::7f00:1,     loopback,       allowed",
            "64:ff9b::5db8:d822,  allowed,        allowed",
            "2002:a00:1::,        private,        allowed",
            "2002:a9fe:a9fe::,    cloud_metadata, cloud_metadata",
            "2002:5db8:d822::,    allowed,        allowed",
            "2001:0:4136:e378::1, reserved,       reserved",
            "93.184.216.34,       allowed,        allowed",
            "8.8.8.8,             allowed,        allowed",
            "2606:4700::1111,     allowed,        allowed",
    })
    void judgesTheAddress(String literal, String strict, String onPremises) throws Exception {
        InetAddress address = ((UrlHost.Address) UrlHost.parse(literal)).address();

        assertThat(STRICT.judge(address).map(DenialReason::code)).isEqualTo(Optional.ofNullable(strict));
        assertThat(ON_PREMISES.judge(address).map(DenialReason::code)).isEqualTo(Optional.ofNullable(onPremises));
    }

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "http://0x7f000001/,             127.0.0.1",
            "http://2130706433/,             127.0.0.1",
            "http://127.1/,                  127.0.0.1",
            "http://0177.0.0.1/,             127.0.0.1",
            "http://0x7f.0.0.1/,             127.0.0.1",
            "http://127.0.0.1./,             127.0.0.1",
            "http://0/,                      0.0.0.0",
            "http://10.1/,                   10.0.0.1",
            "http://0xA9FEA9FE/latest/,      169.254.169.254",
            "http://[::ffff:127.0.0.1]:8080/, 127.0.0.1",
            "http://[::1]/,                  ::1",
            "http://%31%32%37.0.0.1/,        127.0.0.1",
    })
    void readsOddHostNotationsAsBrowsersDoAndRefusesThem(String url, String address) throws Exception {
        String host = EgressUrls.parse(url).host();

        assertThat(host).isEqualTo(address);
        assertThat(STRICT.judge(InetAddress.getByName(host))).isPresent();
    }

    @ParameterizedTest(name = "{0} is the name {1}")
    @CsvSource({
            "http://Example.COM./path, example.com",
            "http://0x7g.example/,     0x7g.example",
            "http://1.2.3.4.example/,  1.2.3.4.example",
            "https://xn--bcher-kva.example/, xn--bcher-kva.example",
    })
    void keepsNamesAsNames(String url, String name) throws Exception {
        assertThat(UrlHost.parse(EgressUrls.parse(url).host())).isEqualTo(new UrlHost.Name(name));
    }

    @ParameterizedTest(name = "{0} is not a URL Gatehouse fetches")
    @CsvSource({
            "ftp://example.com/",
            "file:///etc/passwd",
            "gopher://127.0.0.1:6379/_INFO",
            "http://256.0.0.1/",
            "http://1.2.3.4.5/",
            "http://0x100000000/",
            "http://09.0.0.1/",
            "http://example.0x10/",
            "http://example.09/",
            "http://[::1/",
            "not a url",
    })
    void refusesWhatIsNoHttpUrl(String url) {
        assertThatThrownBy(() -> EgressUrls.parse(url))
                .isInstanceOfSatisfying(FetchException.class, e -> assertThat(e.failure()).isEqualTo(Failure.INVALID_URL));
    }

    @ParameterizedTest
    @CsvSource({"203.0.114.7/32, 203.0.114.7", "2a00:1450::/32, 2a00:1450:4001::1"})
    void refusesTheOperatorsOwnNetworks(String network, String literal) throws Exception {
        EgressPolicy policy = new EgressPolicy(true, List.of(Cidr.parse(network)));

        assertThat(policy.judge(InetAddress.getByName(literal))).contains(DenialReason.OPERATOR_DENIED);
    }
}

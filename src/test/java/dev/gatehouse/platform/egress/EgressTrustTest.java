package dev.gatehouse.platform.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;

import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import okhttp3.tls.HeldCertificate;

/** {@code gatehouse.egress.trust-pem}: added to the JDK's trust, never replacing it, and checked at start-up. */
class EgressTrustTest {

    @TempDir
    Path directory;

    @Test
    void aPemBundleIsTrustedBesideEveryCaTheJdkTrusts() throws Exception {
        HeldCertificate first = ca("first internal CA");
        HeldCertificate second = ca("second internal CA");
        Path pem = Files.writeString(directory.resolve("bundle.pem"),
                first.certificatePem() + second.certificatePem());

        X509TrustManager trust = EgressTrust.withPem(pem).trustManager();

        assertThat(trust.getAcceptedIssuers())
                .contains(first.certificate(), second.certificate())
                .contains(jdkDefaultTrust().getAcceptedIssuers())
                .hasSize(jdkDefaultTrust().getAcceptedIssuers().length + 2);
    }

    @Test
    void aMissingFileStopsStartUpNamingTheSetting() {
        assertThatThrownBy(() -> EgressTrust.withPem(directory.resolve("absent.pem")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("gatehouse.egress.trust-pem names a file that cannot be read");
    }

    @Test
    void aFileWithoutACertificateStopsStartUp() throws Exception {
        Path empty = Files.writeString(directory.resolve("empty.pem"), "");

        assertThatThrownBy(() -> EgressTrust.withPem(empty))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gatehouse.egress.trust-pem");
    }

    @Test
    void aPrivateKeyIsNoCertificate() throws Exception {
        Path key = Files.writeString(directory.resolve("key.pem"), ca("a CA").privateKeyPkcs8Pem());

        assertThatThrownBy(() -> EgressTrust.withPem(key))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("gatehouse.egress.trust-pem");
    }

    @Test
    void theSettingBindsFromConfigurationAndIsAbsentByDefault() {
        EgressProperties set = bind(Map.of("gatehouse.egress.trust-pem", "/etc/gatehouse/internal-ca.pem"));
        EgressProperties unset = bind(Map.of("gatehouse.egress.user-agent", "Crawler/9"));

        assertThat(set.trustPem()).isEqualTo(Path.of("/etc/gatehouse/internal-ca.pem"));
        assertThat(unset.trustPem()).isNull();
    }

    private static EgressProperties bind(Map<String, String> settings) {
        return new Binder(new MapConfigurationPropertySource(settings))
                .bindOrCreate("gatehouse.egress", EgressProperties.class);
    }

    private static HeldCertificate ca(String name) {
        return new HeldCertificate.Builder().certificateAuthority(0).commonName(name).build();
    }

    private static X509TrustManager jdkDefaultTrust() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }
}

package dev.gatehouse.platform.egress;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import org.jspecify.annotations.Nullable;

/**
 * The certificates outbound TLS trusts when the operator adds an internal CA ({@code gatehouse.egress.trust-pem}):
 * the JDK's default trust plus every certificate of the PEM bundle, in one PKIX trust manager. Adding rather
 * than replacing keeps public sites working for a node that also fetches from an intranet. Only trust is
 * widened; hostname verification stays with OkHttp and is never relaxed.
 */
record EgressTrust(SSLSocketFactory socketFactory, X509TrustManager trustManager) {

    /** Reads the bundle once, at start-up; a missing, unreadable or empty bundle stops the node. */
    static EgressTrust withPem(Path pem) {
        List<X509Certificate> extra = read(pem);
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            X509Certificate[] platform = x509(defaultFactory((KeyStore) null)).getAcceptedIssuers();
            for (int i = 0; i < platform.length; i++) {
                store.setCertificateEntry("jdk-" + i, platform[i]);
            }
            for (int i = 0; i < extra.size(); i++) {
                store.setCertificateEntry("trust-pem-" + i, extra.get(i));
            }
            X509TrustManager trustManager = x509(defaultFactory(store));
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {trustManager}, null);
            return new EgressTrust(context.getSocketFactory(), trustManager);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("gatehouse.egress.trust-pem could not be turned into a trust store", e);
        }
    }

    private static List<X509Certificate> read(Path pem) {
        Collection<? extends Certificate> certificates;
        try (InputStream in = Files.newInputStream(pem)) {
            certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (IOException e) {
            throw new IllegalStateException("gatehouse.egress.trust-pem names a file that cannot be read", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("gatehouse.egress.trust-pem holds something that is not a PEM certificate", e);
        }
        if (certificates.isEmpty()) {
            throw new IllegalStateException("gatehouse.egress.trust-pem holds no certificate");
        }
        return certificates.stream().map(X509Certificate.class::cast).toList();
    }

    private static TrustManagerFactory defaultFactory(@Nullable KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        return factory;
    }

    private static X509TrustManager x509(TrustManagerFactory factory) {
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new IllegalStateException("the JDK offers no X.509 trust manager");
    }
}

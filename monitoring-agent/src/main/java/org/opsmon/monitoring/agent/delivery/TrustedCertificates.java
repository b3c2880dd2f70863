package org.opsmon.monitoring.agent.delivery;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificates an agent trusts for an {@code https://} server run with a private CA or a
 * self-signed certificate ({@code ca-cert}): only those, not the JDK's trust store, so a public
 * CA cannot vouch for an impostor of that server. (It saves next to no memory: the TLS stack, not
 * the trust store, is what https costs the agent; see docs/benchmarks.md.) Hostname verification
 * is the HTTP client's and stays on: trusting a certificate does not make it valid for another name.
 */
public final class TrustedCertificates {

    /** A CA bundle is a few hundred KiB at most; the bound keeps a mistyped path (a device) from hanging the start. */
    private static final int MAX_FILE_BYTES = 4 << 20;
    private static final Pattern PEM_CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", Pattern.DOTALL);

    private final Path file;
    private final List<X509Certificate> certificates;

    private TrustedCertificates(Path file, List<X509Certificate> certificates) {
        this.file = file;
        this.certificates = List.copyOf(certificates);
    }

    /**
     * Reads every {@code CERTIFICATE} block of a PEM file (other blocks, such as a key someone
     * left in the same file, are skipped).
     *
     * @throws IllegalArgumentException with a one-line sentence naming the file when it cannot be
     *         read or holds no usable certificate: that is a configuration error, not a runtime one
     */
    public static TrustedCertificates fromPem(Path file) {
        String text = read(file);
        StringBuilder blocks = new StringBuilder();
        Matcher m = PEM_CERTIFICATE.matcher(text);
        while (m.find()) {
            blocks.append(m.group()).append('\n');
        }
        if (blocks.length() == 0) {
            throw new IllegalArgumentException("ca-cert file " + file
                    + " holds no certificate (expected PEM blocks starting with -----BEGIN CERTIFICATE-----)");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate c : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(blocks.toString().getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) c);
            }
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("ca-cert file " + file + " holds a damaged certificate ("
                    + String.valueOf(e.getMessage()).replace('\n', ' ') + ")");
        }
        return new TrustedCertificates(file, certificates);
    }

    private static String read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new IllegalArgumentException("ca-cert file " + file + " is larger than 4 MiB: not a certificate file");
            }
            // PEM is ASCII; Latin-1 maps any byte, so a binary file ends up as "no certificate", not a decoding error.
            return new String(bytes, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("ca-cert file " + file + " not found");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException("ca-cert file " + file + " is not readable (permission denied)");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read ca-cert file " + file + " (" + e.getMessage() + ")");
        }
    }

    public List<X509Certificate> certificates() {
        return certificates;
    }

    /** A TLS context whose only trust anchors are these certificates. */
    public SSLContext sslContext() {
        try {
            KeyStore anchors = KeyStore.getInstance(KeyStore.getDefaultType());
            anchors.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                anchors.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(anchors);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, tmf.getTrustManagers(), null);
            return tls;
        } catch (GeneralSecurityException | IOException e) {
            // Only reachable with a broken JDK security setup: the certificates themselves were parsed already.
            throw new IllegalStateException("cannot set up TLS with the certificates of " + file + ": " + e, e);
        }
    }

    /** For the start-up log line: what is trusted, so an operator can tell the right file was picked up. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        for (X509Certificate c : certificates) {
            sb.append(sb.length() == 0 ? "" : "; ").append(c.getSubjectX500Principal().getName())
                    .append(" (until ").append(c.getNotAfter().toInstant()).append(')');
        }
        return certificates.size() + " certificate(s) from " + file + ": " + sb;
    }
}

package io.disco.common.tls;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Reads PEM certificates and private keys as operators have them: PKCS#8
 * ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) and SEC1 ({@code EC PRIVATE KEY}),
 * as openssl and certbot write them. Bouncy Castle does the ASN.1; the JDK's own providers
 * build the keys.
 */
public final class PemFiles {

    private PemFiles() {
    }

    /** The certificates of a PEM file in file order: the leaf first, then its chain. */
    public static List<X509Certificate> readCertificates(Path file) {
        List<X509Certificate> certificates = new ArrayList<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        for (Object object : readObjects(file, "certificate")) {
            if (object instanceof X509CertificateHolder holder) {
                try {
                    certificates.add(converter.getCertificate(holder));
                } catch (CertificateException e) {
                    throw new TlsConfigException("certificate file " + file + " holds an unusable certificate: "
                            + e.getMessage(), e);
                }
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsConfigException("certificate file " + file + " holds no PEM certificate");
        }
        return List.copyOf(certificates);
    }

    /** The one private key of a PEM file, in any of the three usual encodings. */
    public static PrivateKey readPrivateKey(Path file) {
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        List<PrivateKey> keys = new ArrayList<>();
        for (Object object : readObjects(file, "key")) {
            try {
                if (object instanceof PrivateKeyInfo info) {
                    keys.add(converter.getPrivateKey(info));
                } else if (object instanceof PEMKeyPair pair) {
                    keys.add(converter.getKeyPair(pair).getPrivate());
                } else if (object instanceof PKCS8EncryptedPrivateKeyInfo || object instanceof PEMEncryptedKeyPair) {
                    throw new TlsConfigException("key file " + file
                            + " is encrypted; give an unencrypted key (openssl pkey -in KEY -out PLAIN)");
                } else if (!(object instanceof ASN1ObjectIdentifier || object instanceof X9ECParameters)) {
                    // EC PARAMETERS blocks precede SEC1 keys from `openssl ecparam -genkey`.
                    throw new TlsConfigException("key file " + file + " holds a "
                            + object.getClass().getSimpleName() + " where a private key was expected");
                }
            } catch (IOException e) {
                throw new TlsConfigException("key file " + file + " holds an unusable private key: "
                        + e.getMessage(), e);
            }
        }
        if (keys.isEmpty()) {
            throw new TlsConfigException("key file " + file + " holds no PEM private key");
        }
        if (keys.size() > 1) {
            throw new TlsConfigException("key file " + file + " holds " + keys.size()
                    + " private keys; give exactly one");
        }
        return keys.get(0);
    }

    private static List<Object> readObjects(Path file, String what) {
        List<Object> objects = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                objects.add(object);
            }
        } catch (NoSuchFileException e) {
            throw new TlsConfigException(what + " file " + file + " does not exist", e);
        } catch (IOException | RuntimeException e) {
            throw new TlsConfigException(what + " file " + file + " cannot be read: " + describe(e), e);
        }
        return objects;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}

package io.disco.common.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.List;

/**
 * A server's certificate chain and the private key of its leaf, checked to belong together.
 * Loaded once and shared by every service of a process that serves TLS.
 */
public final class TlsIdentity {

    private static final String ALIAS = "disco";

    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final char[] keyStorePassword;

    private TlsIdentity(List<X509Certificate> chain, PrivateKey key) {
        this.chain = List.copyOf(chain);
        this.key = key;
        this.keyStorePassword = randomPassword();
    }

    /** Loads and checks the pair, or fails with a message naming the file at fault. */
    public static TlsIdentity load(Path certFile, Path keyFile) {
        List<X509Certificate> chain = PemFiles.readCertificates(certFile);
        PrivateKey key = PemFiles.readPrivateKey(keyFile);
        if (!belongTogether(key, chain.get(0).getPublicKey())) {
            throw new TlsConfigException("key file " + keyFile + " does not match the certificate in " + certFile);
        }
        return new TlsIdentity(chain, key);
    }

    public List<X509Certificate> chain() {
        return chain;
    }

    /** An in-memory key store holding the pair, for JSSE and Jetty. */
    public KeyStore keyStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(ALIAS, key, keyStorePassword, chain.toArray(new Certificate[0]));
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsConfigException("cannot build a key store: " + e.getMessage(), e);
        }
    }

    /** The password of {@link #keyStore()}: random per process, never written anywhere. */
    public String keyStorePassword() {
        return new String(keyStorePassword);
    }

    /** Signing with the key and verifying with the certificate works for every key type. */
    private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
        if (!key.getAlgorithm().equals(publicKey.getAlgorithm())) {
            return false;
        }
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "Ed448" -> "Ed448";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> throw new TlsConfigException("unsupported key algorithm " + key.getAlgorithm());
        };
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            }
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            signer.initVerify(publicKey);
            signer.update(challenge);
            return signer.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static char[] randomPassword() {
        SecureRandom random = new SecureRandom();
        char[] password = new char[24];
        for (int i = 0; i < password.length; i++) {
            password[i] = (char) ('a' + random.nextInt(26));
        }
        return password;
    }
}

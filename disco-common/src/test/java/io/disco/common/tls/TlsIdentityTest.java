package io.disco.common.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.disco.common.testing.TestTls;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TlsIdentityTest {

    @TempDir
    Path temp;

    static Path pem(String name) {
        try {
            return Path.of(TlsIdentityTest.class.getResource("/pem/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} key with {1}")
    @CsvSource({
            "rsa-pkcs1.key, rsa.crt, RSA",
            "ec-sec1.key, ec.crt, EC",
            "ec-pkcs8.key, ec.crt, EC",
            "leaf.key, chain.crt, RSA",
    })
    void loadsEveryUsualKeyEncoding(String key, String cert, String algorithm) throws KeyStoreException {
        TlsIdentity identity = TlsIdentity.load(pem(cert), pem(key));

        KeyStore store = identity.keyStore();
        String alias = store.aliases().nextElement();
        assertTrue(store.isKeyEntry(alias));
        assertEquals(algorithm, store.getCertificate(alias).getPublicKey().getAlgorithm());
    }

    @Test
    void loadsTheProjectsTestCertificateWithAPkcs8Key() throws IOException {
        assertTrue(Files.readString(TestTls.keyFile()).startsWith("-----BEGIN PRIVATE KEY-----"));
        X509Certificate leaf = TestTls.identity().chain().get(0);
        assertEquals("CN=localhost", leaf.getSubjectX500Principal().getName());
    }

    @Test
    void keepsTheWholeChainInOrder() {
        List<X509Certificate> chain = TlsIdentity.load(pem("chain.crt"), pem("leaf.key")).chain();
        assertEquals(2, chain.size());
        assertEquals("CN=localhost", chain.get(0).getSubjectX500Principal().getName());
        assertEquals("CN=disco test CA", chain.get(1).getSubjectX500Principal().getName());
    }

    @Test
    void namesAMissingCertificateFile() {
        Path missing = temp.resolve("nope.pem");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> TlsIdentity.load(missing, pem("leaf.key")));
        assertEquals("certificate file " + missing + " does not exist", e.getMessage());
    }

    @Test
    void namesAMissingKeyFile() {
        Path missing = temp.resolve("nope.key");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> TlsIdentity.load(pem("rsa.crt"), missing));
        assertEquals("key file " + missing + " does not exist", e.getMessage());
    }

    @Test
    void namesAnUnreadableFile() throws IOException {
        Path directory = Files.createDirectory(temp.resolve("a-directory.pem"));
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentity.load(directory, pem("leaf.key")));
        assertTrue(e.getMessage().startsWith("certificate file " + directory + " cannot be read"), e.getMessage());
    }

    @Test
    void saysWhenTheKeyDoesNotMatchTheCertificate() {
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentity.load(pem("rsa.crt"), pem("leaf.key")));
        assertEquals("key file " + pem("leaf.key") + " does not match the certificate in " + pem("rsa.crt"),
                e.getMessage());
    }

    @Test
    void saysWhenTheKeyIsOfAnotherKindThanTheCertificate() {
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentity.load(pem("rsa.crt"), pem("ec-sec1.key")));
        assertTrue(e.getMessage().contains("does not match"), e.getMessage());
    }

    @Test
    void refusesAnEncryptedKeyWithAHint() {
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentity.load(pem("rsa.crt"), pem("rsa-encrypted.key")));
        assertTrue(e.getMessage().startsWith("key file " + pem("rsa-encrypted.key") + " is encrypted"), e.getMessage());
    }

    @Test
    void saysWhenACertificateFileHoldsNoCertificate() {
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentity.load(pem("rsa-pkcs1.key"), pem("rsa-pkcs1.key")));
        assertEquals("certificate file " + pem("rsa-pkcs1.key") + " holds no PEM certificate", e.getMessage());
    }

    @Test
    void saysWhenAKeyFileHoldsNoKey() {
        TlsConfigException e = assertThrows(TlsConfigException.class,
                () -> TlsIdentity.load(pem("rsa.crt"), pem("rsa.crt")));
        assertTrue(e.getMessage().startsWith("key file " + pem("rsa.crt") + " holds a"), e.getMessage());
    }

    @Test
    void saysWhenAFileIsNotPemAtAll() throws IOException {
        Path garbage = Files.writeString(temp.resolve("garbage.pem"), "this is not PEM\n");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> TlsIdentity.load(garbage, pem("leaf.key")));
        assertEquals("certificate file " + garbage + " holds no PEM certificate", e.getMessage());
    }

    @Test
    void saysWhenAPemBlockIsCorrupt() throws IOException {
        Path corrupt = Files.writeString(temp.resolve("corrupt.pem"),
                "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        TlsConfigException e = assertThrows(TlsConfigException.class, () -> TlsIdentity.load(corrupt, pem("leaf.key")));
        assertTrue(e.getMessage().startsWith("certificate file " + corrupt + " cannot be read"), e.getMessage());
    }
}

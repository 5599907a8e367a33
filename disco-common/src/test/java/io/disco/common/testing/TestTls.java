package io.disco.common.testing;

import io.disco.common.tls.TlsIdentity;
import java.nio.file.Files;
import java.nio.file.Path;

/** The project's test certificate, {@code test_data/cert.pem} and {@code key.pem}, from any module. */
public final class TestTls {

    private TestTls() {
    }

    public static Path testData() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("test_data");
            if (Files.isRegularFile(candidate.resolve("cert.pem"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("test_data/cert.pem not found above " + Path.of("").toAbsolutePath());
    }

    public static Path certFile() {
        return testData().resolve("cert.pem");
    }

    public static Path keyFile() {
        return testData().resolve("key.pem");
    }

    public static TlsIdentity identity() {
        return TlsIdentity.load(certFile(), keyFile());
    }
}

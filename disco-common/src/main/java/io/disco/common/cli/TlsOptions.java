package io.disco.common.cli;

import io.disco.common.tls.TlsIdentity;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The certificate and key shared by the TLS services, with the original's flags and defaults. */
public final class TlsOptions {

    @Option(names = "--cert-file", paramLabel = "FILE", defaultValue = "cert.pem",
            description = "File containing the TLS certificate chain, PEM (default: ${DEFAULT-VALUE})")
    Path certFile;

    @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "key.pem",
            description = "File containing the certificate key, PEM: PKCS#8, PKCS#1 or SEC1 (default: ${DEFAULT-VALUE})")
    Path keyFile;

    /** Loads and checks the pair once; the result is shared by every service of the process. */
    public TlsIdentity load() {
        return TlsIdentity.load(certFile, keyFile);
    }
}

package io.disco.common.signing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The {@code Disco-Signatures} header: {@code <PubKeyHex>=<signature>} for each signer, separated
 * by commas, with optional spaces around each: {@code 0X04AB...=1x3k...|9zq..., 0X04CD...=...}.
 */
public record Signatures(List<Signed> entries) {

    public static final String HEADER = "Disco-Signatures";

    /** No header. */
    public static final Signatures NONE = new Signatures(List.of());

    // Every member of the largest group may sign, and a request header cannot hold many more.
    private static final int MOST_ENTRIES = 1000;

    /** One signer's signature. */
    public record Signed(PeerKey key, Signature signature) {
    }

    public Signatures {
        entries = List.copyOf(entries);
    }

    /** Each key's signature over {@code request}. */
    public static Signatures sign(CanonicalRequest request, Collection<SigningKey> keys) {
        byte[] message = request.bytes();
        List<Signed> signed = new ArrayList<>(keys.size());
        for (SigningKey key : keys) {
            signed.add(new Signed(key.publicKey(), key.sign(message)));
        }
        return new Signatures(signed);
    }

    /** @throws SignatureFormatException naming what is wrong, for an empty entry too */
    public static Signatures parse(String header) {
        String[] parts = header.split(",", -1);
        if (parts.length > MOST_ENTRIES) {
            throw new SignatureFormatException(HEADER + " holds more than " + MOST_ENTRIES + " signatures");
        }
        List<Signed> entries = new ArrayList<>(parts.length);
        for (String part : parts) {
            String entry = part.strip();
            int equals = entry.indexOf('=');
            if (equals < 0) {
                throw new SignatureFormatException(HEADER + " is a list of <PubKeyHex>=<signature>");
            }
            entries.add(new Signed(PeerKey.parse(entry.substring(0, equals)), Signature.parse(entry.substring(equals + 1))));
        }
        return new Signatures(entries);
    }

    /** The header's value. */
    @Override
    public String toString() {
        StringBuilder header = new StringBuilder();
        for (Signed entry : entries) {
            if (!header.isEmpty()) {
                header.append(", ");
            }
            header.append(entry.key()).append('=').append(entry.signature());
        }
        return header.toString();
    }
}

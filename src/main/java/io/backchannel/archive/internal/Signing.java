package io.backchannel.archive.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/** Ed25519 signatures over checkpoints, in a form the verifier can check with the public key alone. */
public final class Signing {

    static final String ALGORITHM = "Ed25519";

    private Signing() {}

    /** What a checkpoint signs: the chain up to {@code position} ends in {@code link}, as of {@code signedAt}. */
    static byte[] checkpointMessage(long position, String link, Instant signedAt) {
        return ("backchannel-archive-checkpoint\n" + position + "\n" + link + "\n" + signedAt)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** What an erasure signs: this record, whose headers have this digest, lost its content then, for this reason. */
    static byte[] erasureMessage(java.util.UUID record, String recordDigest, Instant erasedAt, String reason) {
        return ("backchannel-archive-erasure\n" + record + "\n" + recordDigest + "\n" + erasedAt + "\n" + reason)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** True when the record's content was erased by this installation (its tombstone signature verifies). */
    static boolean erasureVerifies(WarcFormat.Entry entry, @org.jspecify.annotations.Nullable PublicKey key) {
        if (key == null || !entry.erased()) {
            return false;
        }
        try {
            return verify(
                    key,
                    erasureMessage(
                            entry.id(),
                            entry.recordDigest(),
                            Instant.parse(entry.header(WarcFormat.ERASED_AT).orElseThrow()),
                            entry.header(WarcFormat.ERASURE_REASON).orElse("")),
                    entry.header(WarcFormat.ERASURE_SIGNATURE).orElseThrow());
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String sign(PrivateKey key, byte[] message) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initSign(key);
            signature.update(message);
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    static boolean verify(PublicKey key, byte[] message, String signatureBase64) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(message);
            return signature.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    static PublicKey publicKey(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM)
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
    }

    static PrivateKey privateKey(String base64) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM)
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
    }

    /** SHA-256 of the encoded public key, what people compare between the archive page and a verifier's output. */
    public static String fingerprint(PublicKey key) {
        return Hashes.sha256(key.getEncoded());
    }
}

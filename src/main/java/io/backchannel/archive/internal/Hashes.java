package io.backchannel.archive.internal;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and the chain's link rule, shared by the writer and the verifier so both compute exactly the same. */
public final class Hashes {

    /** The link before the first record. */
    public static final String GENESIS = "0".repeat(64);

    /**
     * Cloned for each use: looking the algorithm up among the security providers every time cost more than hashing a
     * small record.
     */
    private static final MessageDigest SHA_256;

    static {
        try {
            SHA_256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    private Hashes() {}

    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(digester().digest(bytes));
    }

    /** link(n) = SHA-256(link(n-1) ‖ record digest ‖ n as 8 bytes big-endian), all digests as raw bytes. */
    public static String link(String previousLink, String recordDigest, long position) {
        MessageDigest digest = digester();
        digest.update(HexFormat.of().parseHex(previousLink));
        digest.update(HexFormat.of().parseHex(recordDigest));
        digest.update(ByteBuffer.allocate(Long.BYTES).putLong(position).array());
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest digester() {
        try {
            return (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("The JDK's SHA-256 can be cloned", e);
        }
    }
}

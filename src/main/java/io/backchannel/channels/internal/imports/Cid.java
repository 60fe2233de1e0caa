package io.backchannel.channels.internal.imports;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A content identifier in its binary form (no multibase prefix): CIDv1 is the version 1, a codec and a multihash, all
 * as unsigned varints; CIDv0 is a bare SHA-256 multihash. Equal when the bytes are equal.
 */
final class Cid {

    static final int SHA2_256 = 0x12;
    static final int DAG_CBOR = 0x71;
    private static final int DAG_PB = 0x70;
    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";

    /** A multihash digest longer than this is not one any repository uses. */
    private static final int MAX_DIGEST = 64;

    private final byte[] bytes;
    private final int codec;
    private final int hash;
    private final int digestOffset;

    private Cid(byte[] bytes, int codec, int hash, int digestOffset) {
        this.bytes = bytes;
        this.codec = codec;
        this.hash = hash;
        this.digestOffset = digestOffset;
    }

    /** Thrown for bytes that are not a CID. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    /** The CID at the start of {@code data[offset..end)}; {@link #length()} tells how many bytes it took. */
    static Cid read(byte[] data, int offset, int end) throws Malformed {
        var at = new int[] {offset};
        if (end - offset >= 2 && data[offset] == SHA2_256 && data[offset + 1] == 32) {
            if (end - offset < 34) {
                throw new Malformed("truncated CIDv0");
            }
            return new Cid(Arrays.copyOfRange(data, offset, offset + 34), DAG_PB, SHA2_256, 2);
        }
        long version = varint(data, at, end);
        if (version != 1) {
            throw new Malformed("CID version " + version);
        }
        long codec = varint(data, at, end);
        long hash = varint(data, at, end);
        long size = varint(data, at, end);
        if (size > MAX_DIGEST || size > end - at[0] || codec > Integer.MAX_VALUE || hash > Integer.MAX_VALUE) {
            throw new Malformed("CID multihash of " + size + " bytes");
        }
        int digest = at[0] - offset;
        return new Cid(Arrays.copyOfRange(data, offset, at[0] + (int) size), (int) codec, (int) hash, digest);
    }

    static long varint(byte[] data, int[] at, int end) throws Malformed {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            if (at[0] >= end) {
                throw new Malformed("truncated varint");
            }
            int b = data[at[0]++] & 0xFF;
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new Malformed("varint too long");
    }

    int length() {
        return bytes.length;
    }

    byte[] bytes() {
        return bytes.clone();
    }

    int codec() {
        return codec;
    }

    /** Whether this CID names exactly these bytes; only SHA-256 is checked, as repositories use nothing else. */
    boolean names(byte[] block) {
        if (hash != SHA2_256 || bytes.length - digestOffset != 32) {
            return false;
        }
        try {
            byte[] actual = MessageDigest.getInstance("SHA-256").digest(block);
            return Arrays.equals(actual, 0, 32, bytes, digestOffset, bytes.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The first eight bytes of the digest, which spread evenly enough to index blocks by. */
    long hashKey() {
        long key = 0;
        for (int i = digestOffset; i < Math.min(bytes.length, digestOffset + 8); i++) {
            key = (key << 8) | (bytes[i] & 0xFF);
        }
        return key;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cid cid && Arrays.equals(bytes, cid.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    /** The usual text form of a CIDv1, base32 with the multibase prefix "b". */
    @Override
    public String toString() {
        var text = new StringBuilder("b");
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                text.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        if (bits > 0) {
            text.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return text.toString().toLowerCase(Locale.ROOT);
    }
}

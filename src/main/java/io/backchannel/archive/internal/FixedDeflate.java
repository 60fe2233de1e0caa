package io.backchannel.archive.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Deflate (RFC 1951) in one block with the fixed Huffman codes, for the small records of the archive. zlib builds a
 * dynamic Huffman tree for every member whatever the level, and for a record of a few hundred bytes that tree, and the
 * reset of zlib's 64 KB of tables, cost more than the matching: about 17 µs of a record's time, against 2 µs here.
 * The fixed codes give a few percent less compression on such records; larger contents go to zlib (see
 * {@link Gzip}). Matching is greedy, on a hash of four bytes with one candidate per slot.
 */
final class FixedDeflate {

    /** The window of deflate: no match may reach further back. */
    static final int WINDOW = 32 * 1024;

    private static final int MIN_MATCH = 4;
    private static final int MAX_MATCH = 258;
    private static final int END_OF_BLOCK = 256;
    private static final VarHandle FOUR_BYTES =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** The fixed literal/length codes (RFC 1951, 3.2.6), bit-reversed as they are written least significant first. */
    private static final int[] LITERAL_CODES = new int[288];

    private static final int[] LITERAL_LENGTHS = new int[288];
    private static final int[] DISTANCE_CODES = new int[30];

    static {
        for (int symbol = 0; symbol < 288; symbol++) {
            int code;
            int length;
            if (symbol < 144) {
                code = 0x30 + symbol;
                length = 8;
            } else if (symbol < 256) {
                code = 0x190 + symbol - 144;
                length = 9;
            } else if (symbol < 280) {
                code = symbol - 256;
                length = 7;
            } else {
                code = 0xc0 + symbol - 280;
                length = 8;
            }
            LITERAL_CODES[symbol] = Integer.reverse(code) >>> (32 - length);
            LITERAL_LENGTHS[symbol] = length;
        }
        for (int code = 0; code < 30; code++) {
            DISTANCE_CODES[code] = Integer.reverse(code) >>> 27;
        }
    }

    private final byte[] out;
    private int at;
    private long bits;
    private int bitCount;

    private FixedDeflate(byte[] out, int at) {
        this.out = out;
        this.at = at;
    }

    /** The most bytes {@link #compress} writes for {@code length} bytes of input: nine bits a literal at worst. */
    static int bound(int length) {
        return length + length / 8 + 16;
    }

    /**
     * Compresses {@code input} (at most {@link Gzip#SMALL} bytes) into {@code out} from {@code offset}, which must
     * have {@link #bound} bytes free; returns where the compressed data ends.
     */
    static int compress(byte[] input, byte[] out, int offset) {
        FixedDeflate deflate = new FixedDeflate(out, offset);
        deflate.write(0b011, 3); // the last block, compressed with the fixed codes
        int length = input.length;
        int hashBits = Math.clamp(32 - Integer.numberOfLeadingZeros(length), 8, 15);
        int[] last = new int[1 << hashBits]; // position + 1 of the last four bytes with each hash; 0 for none
        int i = 0;
        while (i + MIN_MATCH <= length) {
            int word = fourBytes(input, i);
            int slot = hash(word, hashBits);
            int candidate = last[slot] - 1;
            last[slot] = i + 1;
            if (candidate < 0 || i - candidate > WINDOW || fourBytes(input, candidate) != word) {
                deflate.symbol(input[i] & 0xff);
                i++;
                continue;
            }
            int match = MIN_MATCH + matching(input, candidate + MIN_MATCH, i + MIN_MATCH);
            deflate.match(match, i - candidate);
            // Later matches may start inside this one; on small records every position is worth remembering.
            for (int end = Math.min(i + match, length - MIN_MATCH + 1), j = i + 1; j < end; j++) {
                last[hash(fourBytes(input, j), hashBits)] = j + 1;
            }
            i += match;
        }
        for (; i < length; i++) {
            deflate.symbol(input[i] & 0xff);
        }
        deflate.symbol(END_OF_BLOCK);
        return deflate.finish();
    }

    private static int fourBytes(byte[] input, int at) {
        return (int) FOUR_BYTES.get(input, at);
    }

    private static int hash(int fourBytes, int hashBits) {
        return (fourBytes * 0x9e3779b1) >>> (32 - hashBits);
    }

    /**
     * How many bytes from {@code candidate} repeat those from {@code at}, up to the longest match deflate allows (less
     * the four already compared).
     */
    private static int matching(byte[] input, int candidate, int at) {
        int limit = Math.min(MAX_MATCH - MIN_MATCH, input.length - at);
        int mismatch = Arrays.mismatch(input, candidate, candidate + limit, input, at, at + limit);
        return mismatch < 0 ? limit : mismatch;
    }

    private void symbol(int symbol) {
        write(LITERAL_CODES[symbol], LITERAL_LENGTHS[symbol]);
    }

    /** A length of 3 to 258 bytes and a distance of 1 to 32,768 (RFC 1951, 3.2.5). */
    private void match(int length, int distance) {
        int x = length - 3;
        if (x < 8) {
            symbol(257 + x);
        } else if (x == MAX_MATCH - 3) {
            symbol(285);
        } else {
            int log = 31 - Integer.numberOfLeadingZeros(x);
            int extra = log - 2;
            symbol(257 + 4 * (log - 1) + ((x >>> extra) & 3));
            write(x & ((1 << extra) - 1), extra);
        }
        int y = distance - 1;
        if (y < 4) {
            write(DISTANCE_CODES[y], 5);
        } else {
            int log = 31 - Integer.numberOfLeadingZeros(y);
            int extra = log - 1;
            write(DISTANCE_CODES[2 * log + ((y >>> extra) & 1)], 5);
            write(y & ((1 << extra) - 1), extra);
        }
    }

    private void write(int value, int count) {
        bits |= (long) value << bitCount;
        bitCount += count;
        if (bitCount >= 32) {
            out[at++] = (byte) bits;
            out[at++] = (byte) (bits >>> 8);
            out[at++] = (byte) (bits >>> 16);
            out[at++] = (byte) (bits >>> 24);
            bits >>>= 32;
            bitCount -= 32;
        }
    }

    private int finish() {
        while (bitCount > 0) {
            out[at++] = (byte) bits;
            bits >>>= 8;
            bitCount -= 8;
        }
        return at;
    }
}

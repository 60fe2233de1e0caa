package io.backchannel.archive.internal;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member per record, as the WARC files hold them, with the plain header jwarc writes (and
 * {@link WarcMembers} expects). Small records, nearly all of them, are compressed with the fixed Huffman codes
 * ({@link FixedDeflate}); larger ones by zlib, whose Deflaters are kept for reuse: a new one per record costs native
 * memory, freed only when collected.
 */
final class Gzip {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, 0};
    private static final int TRAILER = 8;
    private static final ConcurrentLinkedQueue<Deflater> DEFLATERS = new ConcurrentLinkedQueue<>();
    /** Members up to this size are compressed by {@link FixedDeflate}; zlib's own trees pay off on larger ones. */
    static final int SMALL = 16 * 1024;

    private Gzip() {}

    /** The parts one after another, compressed into one member. */
    static byte[] member(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] input = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, input, at, part.length);
            at += part.length;
        }
        CRC32 crc = new CRC32();
        crc.update(input);
        byte[] out = length <= SMALL ? fixed(input) : zlib(input);
        littleEndian(out, out.length - TRAILER, (int) crc.getValue());
        littleEndian(out, out.length - TRAILER + 4, length);
        return out;
    }

    /** The header and the compressed data, with room for the trailer after them. */
    private static byte[] fixed(byte[] input) {
        byte[] out = Arrays.copyOf(HEADER, HEADER.length + FixedDeflate.bound(input.length) + TRAILER);
        return Arrays.copyOf(out, FixedDeflate.compress(input, out, HEADER.length) + TRAILER);
    }

    private static byte[] zlib(byte[] input) {
        Deflater deflater = DEFLATERS.poll();
        if (deflater == null) {
            deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        }
        deflater.setInput(input);
        deflater.finish();
        byte[] out = Arrays.copyOf(HEADER, HEADER.length + input.length + input.length / 8 + 64);
        int end = HEADER.length;
        while (!deflater.finished()) {
            if (out.length - TRAILER - end < 64) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            end += deflater.deflate(out, end, out.length - TRAILER - end);
        }
        deflater.reset();
        DEFLATERS.offer(deflater);
        return Arrays.copyOf(out, end + TRAILER);
    }

    private static void littleEndian(byte[] out, int at, int value) {
        for (int i = 0; i < 4; i++) {
            out[at + i] = (byte) (value >>> (8 * i));
        }
    }
}

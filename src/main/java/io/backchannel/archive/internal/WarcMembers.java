package io.backchannel.archive.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jspecify.annotations.Nullable;

/**
 * Splits a WARC file into its gzip members (one per record) by hand rather than through a gzip stream, because a
 * verifier must know where each member starts and ends, and must step over a damaged one to the next member instead
 * of giving up on the rest of the file.
 */
public final class WarcMembers {

    private static final String CHECKSUM = "gzip checksum mismatch";
    private static final int MAX_RECORD = 256 * 1024 * 1024;

    /** A member at {@code offset} of {@code length} bytes: its inflated bytes, or why it could not be read. */
    public record Member(long offset, long length, byte @Nullable [] bytes, @Nullable String damage) {

        boolean intact() {
            return bytes != null;
        }

        /** A member whose data inflated completely but whose checksum failed still ends where it says. */
        private boolean boundaryKnown() {
            return CHECKSUM.equals(damage);
        }
    }

    private WarcMembers() {}

    /** Hands the file's members over one by one, so that a large file is never held inflated in memory whole. */
    public static void each(Path file, Consumer<Member> members) throws IOException {
        each(file, Long.MAX_VALUE, members);
    }

    /** The members in the file's first {@code limit} bytes; what a writer appends after them is not looked at. */
    static void each(Path file, long limit, Consumer<Member> members) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = Math.min(limit, channel.size());
            if (size > Integer.MAX_VALUE) {
                throw new IOException(file + " is larger than 2 GB; roll files smaller");
            }
            each(channel.map(FileChannel.MapMode.READ_ONLY, 0, size), members);
        }
    }

    /** The members of a WARC file held in memory, e.g. one read from an evidence package. */
    public static List<Member> read(ByteBuffer map) {
        List<Member> members = new ArrayList<>();
        each(map, members::add);
        return members;
    }

    private static void each(ByteBuffer map, Consumer<Member> members) {
        // One inflater and one buffer for the whole file: a million small records should not cost a million of each.
        Inflater inflater = new Inflater(true);
        byte[] chunk = new byte[64 * 1024];
        try {
            int offset = 0;
            while (offset < map.limit()) {
                Member member = member(map, offset, inflater, chunk);
                if (member.intact() || member.boundaryKnown()) {
                    members.accept(member);
                    offset += (int) member.length();
                } else {
                    int next = nextHeader(map, offset + 1, inflater, chunk);
                    members.accept(new Member(offset, next - offset, null, member.damage()));
                    offset = next;
                }
            }
        } finally {
            inflater.end();
        }
    }

    private static Member member(ByteBuffer map, int offset, Inflater inflater, byte[] chunk) {
        int limit = map.limit();
        if (limit - offset < 18 || !isHeader(map, offset)) {
            return new Member(offset, limit - offset, null, "no gzip header");
        }
        int flags = map.get(offset + 3) & 0xff;
        if (flags != 0) {
            // jwarc writes plain headers; anything else did not come from the archive's writer.
            return new Member(offset, limit - offset, null, "unexpected gzip header flags");
        }
        inflater.reset();
        try {
            ByteBuffer input = map.slice(offset + 10, limit - offset - 10);
            inflater.setInput(input);
            ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    return new Member(offset, limit - offset, null, "truncated");
                }
                out.write(chunk, 0, n);
                if (out.size() > MAX_RECORD) {
                    return new Member(offset, limit - offset, null, "record too large");
                }
            }
            int end = offset + 10 + (int) inflater.getBytesRead();
            if (limit - end < 8) {
                return new Member(offset, limit - offset, null, "truncated");
            }
            ByteBuffer trailer = map.slice(end, 8).order(ByteOrder.LITTLE_ENDIAN);
            byte[] bytes = out.toByteArray();
            CRC32 crc = new CRC32();
            crc.update(bytes);
            if ((int) crc.getValue() != trailer.getInt(0) || bytes.length != trailer.getInt(4)) {
                return new Member(offset, end + 8 - offset, null, CHECKSUM);
            }
            return new Member(offset, end + 8 - offset, bytes, null);
        } catch (DataFormatException e) {
            return new Member(offset, limit - offset, null, "corrupt compressed data");
        }
    }

    private static boolean isHeader(ByteBuffer map, int offset) {
        return (map.get(offset) & 0xff) == 0x1f && (map.get(offset + 1) & 0xff) == 0x8b && map.get(offset + 2) == 8;
    }

    /** The next place after {@code from} where an intact member starts, or the end of the file. */
    private static int nextHeader(ByteBuffer map, int from, Inflater inflater, byte[] chunk) {
        for (int i = from; i + 18 <= map.limit(); i++) {
            if (isHeader(map, i) && member(map, i, inflater, chunk).intact()) {
                return i;
            }
        }
        return map.limit();
    }
}

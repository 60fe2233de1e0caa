package io.backchannel.channels.internal.imports;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The blocks of a CAR v1 file (a varint-prefixed DAG-CBOR header with the {@code roots}, then sections of a varint
 * length, a CID and the block's bytes), which may come in any order. The stream is read once: each block whose CID
 * names its bytes is copied to a temporary file, and an in-memory table maps the first eight bytes of its digest to
 * its place there (16 bytes a block, at most half the table in use, so a million blocks cost at most 32 MB whatever
 * their size);
 * blocks are then read back by CID. A section that cannot be read is reported and skipped by its length; a file that
 * ends early keeps the blocks read so far.
 */
final class CarBlocks implements Closeable {

    /** A block larger than this is not a repository record (the network's limit is 1 MB for a record). */
    static final int MAX_BLOCK = 2 * 1024 * 1024;

    /** Room for a section's CID beside its block. */
    private static final int MAX_CID = 128;

    static final int MAX_HEADER = 64 * 1024;

    /** Beyond this many blocks (128 MB of index) the rest of the file is refused. */
    static final int MAX_BLOCKS = 4_000_000;

    /** What went wrong with a section, for the import report. */
    interface Problems {
        void section(long number, String reasonKey, Object... arguments);
    }

    private final Path file;
    private final FileChannel channel;
    private final List<Cid> roots;
    private long[] keys = new long[1024];
    private long[] places = new long[1024];
    private int count;

    private CarBlocks(Path file, FileChannel channel, List<Cid> roots) {
        this.file = file;
        this.channel = channel;
        this.roots = roots;
    }

    /**
     * Reads the whole stream into a temporary copy; the caller closes the result, which deletes the copy. Every block
     * is copied and indexed, even a second copy of one already read, as the table cannot be asked before the copy is
     * written out.
     */
    static CarBlocks read(InputStream in, Problems problems) throws IOException {
        List<Cid> roots = header(in);
        Path file = Files.createTempFile("backchannel-car-", ".blocks");
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            var blocks = new CarBlocks(file, channel, roots);
            blocks.copy(in, problems);
            return blocks;
        } catch (IOException | RuntimeException e) {
            if (channel != null) {
                channel.close();
            }
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static List<Cid> header(InputStream in) throws IOException {
        long length = varint(in);
        if (length < 1 || length > MAX_HEADER) {
            throw new IOException("not a CAR file: header of " + length + " bytes");
        }
        try {
            if (DagCbor.decode(in.readNBytes((int) length)) instanceof Map<?, ?> header
                    && Long.valueOf(1).equals(header.get("version"))
                    && header.get("roots") instanceof List<?> roots
                    && !roots.isEmpty()
                    && roots.stream().allMatch(Cid.class::isInstance)) {
                return roots.stream().map(Cid.class::cast).toList();
            }
        } catch (DagCbor.Malformed e) {
            throw new IOException("not a CAR file: " + e.getMessage(), e);
        }
        throw new IOException("not a CAR v1 file with roots");
    }

    private void copy(InputStream in, Problems problems) throws IOException {
        var out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)));
        try (out) {
            long place = 0;
            for (long section = 1; ; section++) {
                long length;
                try {
                    length = varint(in);
                } catch (EOFException truncated) {
                    problems.section(section, "channels.import.car.truncated");
                    return;
                }
                if (length < 0) {
                    return;
                }
                if (length < 1 || length > MAX_BLOCK + MAX_CID) {
                    problems.section(section, "channels.import.car.oversized", length);
                    return;
                }
                if (count >= MAX_BLOCKS) {
                    problems.section(section, "channels.import.car.too-many", MAX_BLOCKS);
                    return;
                }
                byte[] bytes = in.readNBytes((int) length);
                if (bytes.length < length) {
                    problems.section(section, "channels.import.car.truncated");
                    return;
                }
                Cid cid;
                try {
                    cid = Cid.read(bytes, 0, bytes.length);
                } catch (Cid.Malformed e) {
                    problems.section(section, "channels.import.car.bad-cid");
                    continue;
                }
                byte[] block = Arrays.copyOfRange(bytes, cid.length(), bytes.length);
                if (!cid.names(block)) {
                    problems.section(section, "channels.import.car.digest", cid.toString());
                    continue;
                }
                index(cid.hashKey(), place);
                out.writeInt(bytes.length);
                out.writeInt(cid.length());
                out.write(bytes);
                place += 8 + bytes.length;
            }
        }
    }

    List<Cid> roots() {
        return roots;
    }

    /** The block named by the CID, or {@code null} when the file does not hold it. */
    byte @Nullable [] block(Cid cid) throws IOException {
        long place = find(cid);
        if (place < 0) {
            return null;
        }
        byte[] section = section(place);
        int cidLength = ByteBuffer.wrap(section, 0, 4).getInt();
        return Arrays.copyOfRange(section, 4 + cidLength, section.length);
    }

    private byte[] section(long place) throws IOException {
        var size = ByteBuffer.allocate(4);
        channel.read(size, place);
        var section = ByteBuffer.allocate(4 + size.flip().getInt());
        while (section.hasRemaining() && channel.read(section, place + 4 + section.position()) >= 0) {
            // read on until the section is whole
        }
        return section.array();
    }

    /** The place of the block, by linear probing on the digest's first bytes, confirmed by its whole CID. */
    private long find(Cid cid) throws IOException {
        long key = cid.hashKey();
        int mask = keys.length - 1;
        for (int slot = slot(key, mask); places[slot] != 0; slot = (slot + 1) & mask) {
            if (keys[slot] == key) {
                long place = places[slot] - 1;
                byte[] section = section(place);
                int cidLength = ByteBuffer.wrap(section, 0, 4).getInt();
                if (Arrays.equals(section, 4, 4 + cidLength, cid.bytes(), 0, cid.length())) {
                    return place;
                }
            }
        }
        return -1;
    }

    private void index(long key, long place) {
        if ((count + 1) * 2L > keys.length) {
            long[] oldKeys = keys;
            long[] oldPlaces = places;
            keys = new long[oldKeys.length * 2];
            places = new long[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldPlaces[i] != 0) {
                    put(oldKeys[i], oldPlaces[i]);
                }
            }
        }
        put(key, place + 1);
        count++;
    }

    private void put(long key, long storedPlace) {
        int mask = keys.length - 1;
        int slot = slot(key, mask);
        while (places[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        keys[slot] = key;
        places[slot] = storedPlace;
    }

    private static int slot(long key, int mask) {
        return (int) (key ^ (key >>> 32)) & mask;
    }

    /** An unsigned varint, or -1 at the end of the stream; the stream ending inside one is an {@link EOFException}. */
    private static long varint(InputStream in) throws IOException {
        long value = 0;
        for (int shift = 0; shift < 63; shift += 7) {
            int b = in.read();
            if (b < 0) {
                if (shift == 0) {
                    return -1;
                }
                throw new EOFException("the CAR file ends inside a length");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IOException("CAR length varint too long");
    }

    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }
}

package io.backchannel.channels.internal.imports;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Writes DAG-CBOR, CIDs and CAR files for the tests, independently of the code under test: maps with their keys in
 * DAG-CBOR's order (shorter first, then bytewise), CIDv1 with SHA-256.
 */
final class TestCar {

    private TestCar() {}

    /** A block and the CID that names it. */
    record Block(byte[] cid, byte[] data) {
        static Block of(byte[] data) {
            return new Block(cidOf(data), data);
        }

        static Block of(Object value) {
            return of(cbor(value));
        }

        /** The CID as a value to put into another block, decoded by the code under test. */
        Cid link() {
            try {
                return Cid.read(cid, 0, cid.length);
            } catch (Cid.Malformed e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static byte[] cidOf(byte[] data) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
            var out = new ByteArrayOutputStream();
            out.writeBytes(new byte[] {0x01, 0x71, 0x12, 0x20});
            out.writeBytes(digest);
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] cbor(@Nullable Object value) {
        var out = new ByteArrayOutputStream();
        write(out, value);
        return out.toByteArray();
    }

    static Map<String, @Nullable Object> map(@Nullable Object... keysAndValues) {
        var map = new LinkedHashMap<String, @Nullable Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static void write(ByteArrayOutputStream out, @Nullable Object value) {
        switch (value) {
            case null -> out.write(0xF6);
            case Boolean b -> out.write(b ? 0xF5 : 0xF4);
            case Integer i -> write(out, (long) i);
            case Long l -> head(out, l >= 0 ? 0 : 1, l >= 0 ? l : -1 - l);
            case String s -> {
                byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
                head(out, 3, bytes.length);
                out.writeBytes(bytes);
            }
            case byte[] bytes -> {
                head(out, 2, bytes.length);
                out.writeBytes(bytes);
            }
            case Cid cid -> {
                head(out, 6, 42);
                byte[] bytes = new byte[cid.length() + 1];
                System.arraycopy(cid.bytes(), 0, bytes, 1, cid.length());
                write(out, bytes);
            }
            case List<?> list -> {
                head(out, 4, list.size());
                list.forEach(item -> write(out, item));
            }
            case Map<?, ?> map -> {
                var sorted = new TreeMap<String, Object>(
                        Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
                sorted.putAll((Map<String, Object>) map);
                head(out, 5, sorted.size());
                sorted.forEach((key, item) -> {
                    write(out, key);
                    write(out, item);
                });
            }
            default -> throw new IllegalArgumentException(value.getClass().getName());
        }
    }

    static void head(ByteArrayOutputStream out, int major, long argument) {
        int type = major << 5;
        if (argument < 24) {
            out.write(type | (int) argument);
        } else if (argument < 0x100) {
            out.write(type | 24);
            out.write((int) argument);
        } else if (argument < 0x10000) {
            out.write(type | 25);
            out.write((int) (argument >> 8));
            out.write((int) argument);
        } else if (argument < 0x100000000L) {
            out.write(type | 26);
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((int) (argument >> shift));
            }
        } else {
            out.write(type | 27);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (argument >> shift));
            }
        }
    }

    static void varint(ByteArrayOutputStream out, long value) {
        while (value >= 0x80) {
            out.write((int) (value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out.write((int) value);
    }

    /** A CAR v1 file with these roots and these sections (each a CID and its bytes) in this order. */
    static byte[] car(List<byte[]> roots, List<Block> blocks) {
        var out = new ByteArrayOutputStream();
        var rootLinks = new ArrayList<Object>();
        for (byte[] root : roots) {
            rootLinks.add(new Block(root, new byte[0]).link());
        }
        byte[] header = cbor(map("roots", rootLinks, "version", 1L));
        varint(out, header.length);
        out.writeBytes(header);
        for (Block block : blocks) {
            varint(out, block.cid().length + block.data().length);
            out.writeBytes(block.cid());
            out.writeBytes(block.data());
        }
        return out.toByteArray();
    }

    /** A repository: a tree node holding all keys (prefix-compressed), the commit, and the records. */
    record Repository(Block commit, Block tree, List<Block> records) {

        static Repository of(String did, Map<String, Block> records) {
            Block tree = Block.of(node(null, records.keySet().stream().sorted().toList(), records, Map.of()));
            Block commit = Block.of(map(
                    "did", did, "version", 3L, "data", tree.link(), "rev", "3kaaa", "prev", null, "sig", new byte[64]));
            return new Repository(commit, tree, List.copyOf(records.values()));
        }

        List<byte[]> roots() {
            return List.of(commit.cid());
        }
    }

    /** One tree node: its left subtree, its entries with the keys compressed, each entry's right subtree. */
    static Map<String, @Nullable Object> node(
            @Nullable Block left, List<String> keys, Map<String, Block> values, Map<String, Block> rights) {
        var entries = new ArrayList<Object>();
        byte[] previous = new byte[0];
        for (String key : keys) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
            int prefix = 0;
            while (prefix < previous.length && prefix < bytes.length && previous[prefix] == bytes[prefix]) {
                prefix++;
            }
            Block right = rights.get(key);
            entries.add(map(
                    "p",
                    (long) prefix,
                    "k",
                    Arrays.copyOfRange(bytes, prefix, bytes.length),
                    "v",
                    values.get(key).link(),
                    "t",
                    right == null ? null : right.link()));
            previous = bytes;
        }
        return map("l", left == null ? null : left.link(), "e", entries);
    }
}

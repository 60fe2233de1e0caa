package io.backchannel.channels.internal.imports;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes one DAG-CBOR block into plain Java values: {@link Long}, {@link Double}, {@link Boolean}, {@code null},
 * {@link String}, {@code byte[]}, {@link List}, {@link Map} with string keys, and {@link Cid} for tag 42. Refuses what
 * DAG-CBOR forbids or what would cost more than the block is worth: indefinite lengths, other tags, half and single
 * floats, lengths beyond the block's end, nesting deeper than {@link #MAX_DEPTH}, trailing bytes.
 */
final class DagCbor {

    static final int MAX_DEPTH = 64;

    private static final int TAG_CID = 42;

    /** Thrown for bytes that are not one well-formed DAG-CBOR item. */
    static final class Malformed extends Exception {
        Malformed(String message) {
            super(message);
        }
    }

    private final byte[] data;
    private final int end;
    private int at;

    private DagCbor(byte[] data) {
        this.data = data;
        this.end = data.length;
    }

    /** The one item the bytes hold. */
    static @Nullable Object decode(byte[] data) throws Malformed {
        var decoder = new DagCbor(data);
        Object value = decoder.item(0);
        if (decoder.at != data.length) {
            throw new Malformed("trailing bytes after the item");
        }
        return value;
    }

    private @Nullable Object item(int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed("nested deeper than " + MAX_DEPTH);
        }
        int initial = next();
        int major = initial >>> 5;
        int info = initial & 31;
        if (major == 7) {
            return simple(info);
        }
        long argument = argument(info);
        return switch (major) {
            case 0 -> nonNegative(argument);
            case 1 -> -1 - nonNegative(argument);
            case 2 -> bytes(argument);
            case 3 -> text(argument);
            case 4 -> list(argument, depth);
            case 5 -> map(argument, depth);
            default -> tagged(argument, depth);
        };
    }

    private @Nullable Object simple(int info) throws Malformed {
        return switch (info) {
            case 20 -> Boolean.FALSE;
            case 21 -> Boolean.TRUE;
            case 22 -> null;
            case 27 -> Double.longBitsToDouble(fixed(8));
            default -> throw new Malformed("simple value or float " + info + " is not allowed in DAG-CBOR");
        };
    }

    private long argument(int info) throws Malformed {
        if (info < 24) {
            return info;
        }
        return switch (info) {
            case 24 -> fixed(1);
            case 25 -> fixed(2);
            case 26 -> fixed(4);
            case 27 -> fixed(8);
            default -> throw new Malformed("indefinite or reserved length " + info);
        };
    }

    private static long nonNegative(long argument) throws Malformed {
        if (argument < 0) {
            throw new Malformed("integer beyond 64-bit range");
        }
        return argument;
    }

    /** A length that fits in what is left of the block, each element taking at least one byte. */
    private int length(long argument) throws Malformed {
        if (argument < 0 || argument > end - at) {
            throw new Malformed("length " + Long.toUnsignedString(argument) + " beyond the block's end");
        }
        return (int) argument;
    }

    private byte[] bytes(long argument) throws Malformed {
        int length = length(argument);
        byte[] value = Arrays.copyOfRange(data, at, at + length);
        at += length;
        return value;
    }

    private String text(long argument) throws Malformed {
        int length = length(argument);
        try {
            String value = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data, at, length))
                    .toString();
            at += length;
            return value;
        } catch (CharacterCodingException e) {
            throw new Malformed("text string is not UTF-8");
        }
    }

    private List<@Nullable Object> list(long argument, int depth) throws Malformed {
        int length = length(argument);
        var list = new ArrayList<@Nullable Object>(length);
        for (int i = 0; i < length; i++) {
            list.add(item(depth + 1));
        }
        return list;
    }

    private Map<String, @Nullable Object> map(long argument, int depth) throws Malformed {
        int length = length(argument);
        var map = new LinkedHashMap<String, @Nullable Object>();
        for (int i = 0; i < length; i++) {
            if (!(item(depth + 1) instanceof String key)) {
                throw new Malformed("map key is not a string");
            }
            if (map.containsKey(key)) {
                throw new Malformed("duplicate map key");
            }
            map.put(key, item(depth + 1));
        }
        return map;
    }

    private Cid tagged(long tag, int depth) throws Malformed {
        if (tag != TAG_CID) {
            throw new Malformed("tag " + tag + " is not allowed in DAG-CBOR");
        }
        if (!(item(depth + 1) instanceof byte[] link) || link.length < 2 || link[0] != 0) {
            throw new Malformed("tag 42 does not hold a CID");
        }
        try {
            Cid cid = Cid.read(link, 1, link.length);
            if (cid.length() != link.length - 1) {
                throw new Malformed("tag 42 holds bytes after its CID");
            }
            return cid;
        } catch (Cid.Malformed e) {
            throw new Malformed(e.getMessage());
        }
    }

    private int next() throws Malformed {
        if (at >= end) {
            throw new Malformed("the block ends inside an item");
        }
        return data[at++] & 0xFF;
    }

    private long fixed(int size) throws Malformed {
        long value = 0;
        for (int i = 0; i < size; i++) {
            value = (value << 8) | next();
        }
        return value;
    }
}

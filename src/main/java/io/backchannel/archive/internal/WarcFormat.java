package io.backchannel.archive.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;

/**
 * How the archive lays out its WARC records. The capture metadata and the chain travel in {@code X-Backchannel-*}
 * headers of the record itself, so that the files alone prove what was captured, when and by whom. The record digest
 * covers every header but the link (and through {@code WARC-Block-Digest} the content), so changing either a
 * header or a byte of content breaks the chain.
 */
public final class WarcFormat {

    static final String PREFIX = "X-Backchannel-";
    static final String POSITION = PREFIX + "Chain-Position";
    static final String LINK = PREFIX + "Chain-Link";
    static final String ENTRY = PREFIX + "Entry";
    /** Headers an erasure adds; like the link they stay outside the record digest, so the chain still holds. */
    static final String ERASURE = PREFIX + "Erasure-";

    static final String ERASED_AT = ERASURE + "At";
    static final String ERASURE_REASON = ERASURE + "Reason";
    static final String ERASURE_SIGNATURE = ERASURE + "Signature";

    private WarcFormat() {}

    /** A record ready to write: the compressed bytes and what the chain needs to remember. */
    record Written(UUID id, byte[] gzip, String recordDigest, String link) {}

    /** One record as read back from a file, with what the verifier found. */
    public record Entry(
            UUID id,
            long position,
            String type,
            String claimedLink,
            String recordDigest,
            boolean blockDigestMatches,
            Map<String, List<String>> headers,
            byte[] block) {

        /** A signed tombstone: the content was erased on request, the headers (and so the chain) stay. */
        public boolean erased() {
            return header(ERASURE_SIGNATURE).isPresent();
        }

        /**
         * The entry without its content and with only the headers that name it, for a verifier that must remember a
         * million of them after checking each.
         */
        Entry withoutContent() {
            return new Entry(id, position, type, claimedLink, recordDigest, blockDigestMatches, Map.of(), new byte[0]);
        }

        public Optional<String> header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .flatMap(entry -> entry.getValue().stream())
                    .findFirst();
        }
    }

    /**
     * A record with every header but its link: what a batch can build side by side, since nothing in it depends on the
     * record before it in the chain.
     */
    static Unsealed unsealedItem(
            UUID id,
            URI target,
            Instant date,
            String contentType,
            byte[] content,
            Map<String, String> fields,
            String contentDigest,
            @Nullable UUID refersTo,
            long position) {
        String digest = "sha256:" + base32(HexFormat.of().parseHex(contentDigest));
        Headers headers = new Headers("resource", target, id, date, CONTENT_TYPES.get(contentType), content.length)
                .add("WARC-Block-Digest", digest)
                .add("WARC-Payload-Digest", digest);
        if (refersTo != null) {
            headers.add("WARC-Refers-To", recordId(refersTo));
        }
        fields.forEach((name, value) -> headers.add(PREFIX + name, clean(value)));
        headers.add(ENTRY, "ITEM").add(POSITION, Long.toString(position));
        return headers.unsealed(id, position, content);
    }

    /** A record waiting for its link; {@link #gzip(String)} may run on another thread than the one that made it. */
    static final class Unsealed {

        private final UUID id;
        private final long position;
        private final String recordDigest;
        /** The record as written: everything before the link's header line, and everything after it. */
        private final byte[] beforeLink;

        private final byte[] afterLink;

        private Unsealed(UUID id, long position, String recordDigest, byte[] beforeLink, byte[] afterLink) {
            this.id = id;
            this.position = position;
            this.recordDigest = recordDigest;
            this.beforeLink = beforeLink;
            this.afterLink = afterLink;
        }

        String link(String previousLink) {
            return Hashes.link(previousLink, recordDigest, position);
        }

        Written gzip(String link) {
            byte[] line = (LINK + ": " + link + "\r\n").getBytes(StandardCharsets.US_ASCII);
            return new Written(id, Gzip.member(beforeLink, line, afterLink), recordDigest, link);
        }

        Written seal(String previousLink) {
            return gzip(link(previousLink));
        }
    }

    static Written notice(
            UUID id,
            URI target,
            Instant date,
            String entry,
            UUID refersTo,
            Map<String, String> fields,
            long position,
            String previousLink) {
        byte[] body = fields.entrySet().stream()
                .map(field -> field.getKey() + ": " + clean(field.getValue()) + "\r\n")
                .reduce("", String::concat)
                .getBytes(StandardCharsets.UTF_8);
        return new Headers("metadata", target, id, date, MediaType.WARC_FIELDS.toString(), body.length)
                .add("WARC-Block-Digest", "sha256:" + base32(HexFormat.of().parseHex(Hashes.sha256(body))))
                .add("WARC-Refers-To", recordId(refersTo))
                .add(ENTRY, entry)
                .add(POSITION, Long.toString(position))
                .unsealed(id, position, body)
                .seal(previousLink);
    }

    /**
     * A record's headers, written out the way jwarc writes them (a version line, then one line per header in the order
     * of their names ignoring case, in UTF-8) but by hand: jwarc's builder and writer (a sorted map per record, copied,
     * every value parsed again) were most of the work of a small record. {@code WarcFormatTests} holds both to the
     * same bytes, and jwarc still reads every record back.
     */
    private static final class Headers {

        private final List<String> names = new ArrayList<>(24);
        private final List<String> values = new ArrayList<>(24);

        /** The headers jwarc's builder sets for a record of this type; the date in whole seconds, as WARC/1.0 has it. */
        Headers(String type, URI target, UUID id, Instant date, String contentType, int contentLength) {
            add("WARC-Type", type);
            add("WARC-Target-URI", target.toString());
            add("WARC-Record-ID", recordId(id));
            add("WARC-Date", date.truncatedTo(ChronoUnit.SECONDS).toString());
            add("Content-Type", contentType);
            add("Content-Length", Integer.toString(contentLength));
        }

        Headers add(String name, String value) {
            names.add(name);
            values.add(value);
            return this;
        }

        /** Takes the record digest over the headers and writes the record out around its link. */
        Unsealed unsealed(UUID id, long position, byte[] block) {
            Layout layout = Layout.of(names);
            StringBuilder before = new StringBuilder(1024).append("WARC/1.0\r\n");
            StringBuilder after = new StringBuilder(256);
            for (int k = 0; k < layout.written().length; k++) {
                int i = layout.written()[k];
                (k < layout.beforeLink() ? before : after)
                        .append(layout.spelled()[i])
                        .append(": ")
                        .append(values.get(i))
                        .append("\r\n");
            }
            byte[] tail = after.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
            byte[] rest = Arrays.copyOf(tail, tail.length + block.length + TRAILER.length);
            System.arraycopy(block, 0, rest, tail.length, block.length);
            System.arraycopy(TRAILER, 0, rest, tail.length + block.length, TRAILER.length);
            return new Unsealed(
                    id, position, recordDigest(layout), before.toString().getBytes(StandardCharsets.UTF_8), rest);
        }

        /** What {@link WarcFormat#recordDigest(Map)} computes from the headers as read back, without sorting them. */
        private String recordDigest(Layout layout) {
            int[] digested = layout.digested();
            if (digested == null) {
                List<String> lines = new ArrayList<>(names.size());
                for (int i = 0; i < names.size(); i++) {
                    if (layout.inDigest()[i]) {
                        lines.add(layout.lowerCase()[i] + ":" + values.get(i));
                    }
                }
                return digest(lines);
            }
            StringBuilder text = new StringBuilder(1024);
            for (int k = 0; k < digested.length; k++) {
                if (k > 0) {
                    text.append('\n');
                }
                text.append(layout.lowerCase()[digested[k]]).append(':').append(values.get(digested[k]));
            }
            return Hashes.sha256(text.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Where each header of a record goes, worked out once for each list of header names (all records of a kind share
     * theirs) rather than sorted for every record: the order jwarc writes them in (by name ignoring case, a name's
     * values in the order given, under the name's first spelling), how many come before the link, and the order the
     * record digest takes them in. That is the order of the lower-case names as long as none of them is the start of
     * another; otherwise ({@code digested} null) each record's lines are sorted.
     */
    private record Layout(
            int[] written,
            int beforeLink,
            String[] spelled,
            String[] lowerCase,
            boolean[] inDigest,
            int @Nullable [] digested) {

        private static final int MAX_KNOWN = 64;
        private static final ConcurrentHashMap<List<String>, Layout> KNOWN = new ConcurrentHashMap<>();

        static Layout of(List<String> names) {
            Layout layout = KNOWN.get(names);
            if (layout == null) {
                layout = of(names.toArray(String[]::new));
                if (KNOWN.size() < MAX_KNOWN) {
                    KNOWN.put(List.copyOf(names), layout);
                }
            }
            return layout;
        }

        private static Layout of(String[] names) {
            int n = names.length;
            String[] spelled = new String[n];
            String[] lowerCase = new String[n];
            boolean[] inDigest = new boolean[n];
            for (int i = 0; i < n; i++) {
                spelled[i] = names[i];
                for (int j = 0; j < i; j++) {
                    if (names[j].equalsIgnoreCase(names[i])) {
                        spelled[i] = spelled[j];
                        break;
                    }
                }
                lowerCase[i] = spelled[i].toLowerCase(Locale.ROOT);
                inDigest[i] = WarcFormat.inDigest(lowerCase[i]);
            }
            int[] written = IntStream.range(0, n)
                    .boxed()
                    .sorted((a, b) -> String.CASE_INSENSITIVE_ORDER.compare(names[a], names[b]))
                    .mapToInt(Integer::intValue)
                    .toArray();
            int beforeLink = (int) Arrays.stream(names)
                    .filter(name -> String.CASE_INSENSITIVE_ORDER.compare(name, LINK) < 0)
                    .count();
            int[] digested = IntStream.range(0, n)
                    .filter(i -> inDigest[i])
                    .boxed()
                    .sorted((a, b) -> lowerCase[a].compareTo(lowerCase[b]))
                    .mapToInt(Integer::intValue)
                    .toArray();
            for (int k = 1; k < digested.length; k++) {
                if (lowerCase[digested[k]].startsWith(lowerCase[digested[k - 1]])) {
                    digested = null;
                    break;
                }
            }
            return new Layout(written, beforeLink, spelled, lowerCase, inDigest, digested);
        }
    }

    /** What follows a record's block. */
    private static final byte[] TRAILER = {'\r', '\n', '\r', '\n'};

    private static String recordId(UUID id) {
        return "<urn:uuid:" + id + ">";
    }

    private static final String BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /** Base32 with padding (RFC 4648), as WARC digests are written. */
    static String base32(byte[] bytes) {
        StringBuilder out = new StringBuilder((bytes.length + 4) / 5 * 8);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8 | (b & 0xff)) & 0xfff;
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                out.append(BASE32.charAt(buffer >> bits & 31));
            }
        }
        if (bits > 0) {
            out.append(BASE32.charAt(buffer << (5 - bits) & 31));
        }
        while (out.length() % 8 != 0) {
            out.append('=');
        }
        return out.toString();
    }

    /**
     * The content type as jwarc's lenient parser writes it. Content types repeat (most captures are JSON), so their
     * parsed forms are kept rather than parsed for every record.
     */
    private static final Memo CONTENT_TYPES =
            new Memo(value -> MediaType.parseLeniently(value).toString());

    /**
     * SHA-256 over the headers in a fixed order (lower-case names sorted, values in order), without the link, the
     * content length and an erasure's headers: the block digest already pins the content, and an erasure must not
     * change what the chain proves about the record.
     */
    static String recordDigest(Map<String, List<String>> headers) {
        List<String> lines = new ArrayList<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (inDigest(lower)) {
                values.forEach(value -> lines.add(lower + ":" + value));
            }
        });
        return digest(lines);
    }

    private static final String LINK_NAME = LINK.toLowerCase(Locale.ROOT);
    private static final String ERASURE_NAMES = ERASURE.toLowerCase(Locale.ROOT);

    private static boolean inDigest(String lowerCaseName) {
        return !lowerCaseName.equals(LINK_NAME)
                && !lowerCaseName.equals("content-length")
                && !lowerCaseName.startsWith(ERASURE_NAMES);
    }

    private static String digest(List<String> lines) {
        lines.sort(null);
        return Hashes.sha256(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    /** The record with its content taken out and the signed erasure headers added; every other header stays. */
    static byte[] tombstone(Entry original, Instant erasedAt, String reason, String signature) {
        StringBuilder text = new StringBuilder("WARC/1.1\r\n");
        original.headers().forEach((name, values) -> {
            for (String value : values) {
                text.append(name)
                        .append(": ")
                        .append(name.equalsIgnoreCase("Content-Length") ? "0" : value)
                        .append("\r\n");
            }
        });
        text.append(ERASED_AT).append(": ").append(erasedAt).append("\r\n");
        text.append(ERASURE_REASON).append(": ").append(clean(reason)).append("\r\n");
        text.append(ERASURE_SIGNATURE).append(": ").append(signature).append("\r\n");
        text.append("\r\n\r\n\r\n");
        return Gzip.member(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Parses the inflated bytes of one member; throws when they are not one of the archive's records. */
    public static Entry parse(byte[] inflated) throws IOException {
        try (WarcReader reader = new WarcReader(new ByteArrayInputStream(inflated))) {
            WarcRecord record = reader.next().orElseThrow(() -> new IOException("no WARC record"));
            byte[] block = record.body().stream().readAllBytes();
            Map<String, List<String>> headers = record.headers().map();
            String position = record.headers().first(POSITION).orElseThrow(() -> new IOException("no position"));
            String link = record.headers().first(LINK).orElseThrow(() -> new IOException("no link"));
            boolean blockMatches = record.blockDigest()
                    .map(digest -> digest.algorithm().equalsIgnoreCase("sha256")
                            && digest.hex().equalsIgnoreCase(Hashes.sha256(block)))
                    .orElse(false);
            return new Entry(
                    uuid(record.id()),
                    Long.parseLong(position),
                    record.headers().first(ENTRY).orElse(""),
                    link,
                    recordDigest(headers),
                    blockMatches,
                    headers,
                    block);
        } catch (RuntimeException e) {
            throw new IOException("not a readable archive record: " + e.getMessage(), e);
        }
    }

    private static UUID uuid(URI id) {
        return UUID.fromString(id.toString().replaceFirst("^urn:uuid:", ""));
    }

    /** Header values are single lines of printable text; anything else would let a value forge another header. */
    static String clean(String value) {
        char[] chars = null;
        for (int i = 0; i < value.length(); i++) {
            // No surrogate is a control character: looking char by char sees what a look by code point sees.
            if (Character.isISOControl(value.charAt(i))) {
                if (chars == null) {
                    chars = value.toCharArray();
                }
                chars[i] = ' ';
            }
        }
        return (chars == null ? value : new String(chars)).strip();
    }
}

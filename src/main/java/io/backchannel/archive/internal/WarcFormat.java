package io.backchannel.archive.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.Message;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcWriter;

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
        WarcDigest digest = new WarcDigest("sha256", HexFormat.of().parseHex(contentDigest));
        WarcResource.Builder builder = new WarcResource.Builder(target)
                .recordId(id)
                .date(date)
                .body(MediaType.parseLeniently(contentType), content)
                .blockDigest(digest)
                .payloadDigest(digest);
        if (refersTo != null) {
            builder.addHeader("WARC-Refers-To", "<urn:uuid:" + refersTo + ">");
        }
        fields.forEach((name, value) -> builder.addHeader(PREFIX + name, clean(value)));
        builder.addHeader(ENTRY, "ITEM");
        builder.addHeader(POSITION, Long.toString(position));
        return unsealed(builder, id, position);
    }

    /** A record waiting for its link; {@link #gzip(String)} may run on another thread than the one that made it. */
    static final class Unsealed {

        private final UUID id;
        private final long position;
        private final String recordDigest;
        private final java.util.function.Function<String, WarcRecord> withLink;

        private Unsealed(
                UUID id, long position, String recordDigest, java.util.function.Function<String, WarcRecord> withLink) {
            this.id = id;
            this.position = position;
            this.recordDigest = recordDigest;
            this.withLink = withLink;
        }

        String link(String previousLink) {
            return Hashes.link(previousLink, recordDigest, position);
        }

        Written gzip(String link) {
            return new Written(id, WarcFormat.gzip(withLink.apply(link)), recordDigest, link);
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
        WarcDigest digest = new WarcDigest("sha256", HexFormat.of().parseHex(Hashes.sha256(body)));
        WarcMetadata.Builder builder = new WarcMetadata.Builder()
                .targetURI(target)
                .recordId(id)
                .date(date)
                .body(MediaType.WARC_FIELDS, body)
                .blockDigest(digest);
        builder.addHeader("WARC-Refers-To", "<urn:uuid:" + refersTo + ">");
        builder.addHeader(ENTRY, entry);
        builder.addHeader(POSITION, Long.toString(position));
        return unsealed(builder, id, position).seal(previousLink);
    }

    /** The record digest over every header so far; the link, computed from it, is added as the last header. */
    private static <R extends WarcRecord, B extends Message.AbstractBuilder<R, B>> Unsealed unsealed(
            B builder, UUID id, long position) {
        String recordDigest = recordDigest(builder.build().headers().map());
        return new Unsealed(id, position, recordDigest, link -> builder.addHeader(LINK, link)
                .build());
    }

    /**
     * SHA-256 over the headers in a fixed order (lower-case names sorted, values in order), without the link, the
     * content length and an erasure's headers: the block digest already pins the content, and an erasure must not
     * change what the chain proves about the record.
     */
    static String recordDigest(Map<String, List<String>> headers) {
        List<String> lines = new ArrayList<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.equals(LINK.toLowerCase(Locale.ROOT))
                    && !lower.equals("content-length")
                    && !lower.startsWith(ERASURE.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> lines.add(name.toLowerCase(Locale.ROOT) + ":" + value));
            }
        });
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
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (var gzip = new java.util.zip.GZIPOutputStream(out)) {
                gzip.write(text.toString().getBytes(StandardCharsets.UTF_8));
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writers kept for reuse: a new one per record costs a fresh {@link java.util.zip.Deflater} (and its native memory,
     * freed only when collected) plus buffers, which was most of the work of building a small record.
     */
    private static final java.util.concurrent.ConcurrentLinkedQueue<Compressor> COMPRESSORS =
            new java.util.concurrent.ConcurrentLinkedQueue<>();

    /** A WARC writer over a buffer that is emptied after each record; one gzip member per record. */
    private static final class Compressor {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
        private final WarcWriter writer;

        Compressor() throws IOException {
            writer = new WarcWriter(Channels.newChannel(out), WarcCompression.GZIP);
        }

        byte[] gzip(WarcRecord record) throws IOException {
            out.reset();
            writer.write(record);
            return out.toByteArray();
        }
    }

    private static byte[] gzip(WarcRecord record) {
        try {
            Compressor compressor = COMPRESSORS.poll();
            if (compressor == null) {
                compressor = new Compressor();
            }
            byte[] bytes = compressor.gzip(record);
            // Only a writer that finished its record cleanly goes back; one that failed half-way is dropped.
            COMPRESSORS.offer(compressor);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        StringBuilder out = new StringBuilder(value.length());
        value.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return out.toString().strip();
    }
}

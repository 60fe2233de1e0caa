package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.Message;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcDigest;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResource;
import org.netpreserve.jwarc.WarcWriter;

/**
 * The archive writes its records by hand for speed; jwarc's builder and writer are the reference it must match byte
 * for byte (headers, their order, the digests), so that records written before and after read and verify alike.
 */
class WarcFormatTests {

    private static final String[] VALUES = {
        "plain",
        "",
        "  padded  ",
        "Grüße aus Köln",
        "emoji \uD83D\uDE00 and 日本語",
        "lone surrogate \uD800 here",
        "tab\there, newline\nthere, next line\u0085 too",
        "x".repeat(600) + " ",
        "colon: inside; and \"quotes\" <b>",
    };

    private static final String[] CONTENT_TYPES = {
        "application/json",
        "text/plain; charset=utf-8",
        "text/markdown;charset=utf-8",
        "application/octet-stream",
        "not a type",
        "",
    };

    private static final URI[] TARGETS = {
        URI.create("https://x.example/acme/1?ref=a&b=c#frag"),
        URI.create("https://bsky.example/profile/acme/post/ü"),
        URI.create("urn:backchannel:mastodon:109%2F3+4"),
    };

    @Test
    void itemRecordsMatchWhatJwarcWrites() throws IOException {
        Random random = new Random(4);
        for (int i = 0; i < 200; i++) {
            byte[] content = new byte[i % 10 == 0 ? 70_000 : random.nextInt(800)];
            random.nextBytes(content);
            if (i % 2 == 0) {
                content = VALUES[i % VALUES.length].repeat(1 + i % 7).getBytes(StandardCharsets.UTF_8);
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String name : List.of("Platform", "Source-Id", "Account", "Author", "Said-At", "Collected-By")) {
                fields.put(name, VALUES[random.nextInt(VALUES.length)]);
            }
            if (i % 5 == 0) {
                // A name that starts another, and one spelled otherwise than a name before it.
                fields.put("Said", VALUES[random.nextInt(VALUES.length)]);
                fields.put("PLATFORM", VALUES[random.nextInt(VALUES.length)]);
            }
            UUID id = UUID.randomUUID();
            URI target = TARGETS[i % TARGETS.length];
            Instant date = Instant.ofEpochSecond(random.nextLong(4_000_000_000L), random.nextInt(1_000_000_000));
            String contentType = CONTENT_TYPES[i % CONTENT_TYPES.length];
            @Nullable UUID refersTo = i % 3 == 0 ? null : UUID.randomUUID();
            long position = 1 + random.nextLong(1_000_000_000L);
            String previous = Hashes.sha256(new byte[] {(byte) i});

            WarcFormat.Written written = WarcFormat.unsealedItem(
                            id, target, date, contentType, content, fields, Hashes.sha256(content), refersTo, position)
                    .seal(previous);

            WarcResource.Builder reference = new WarcResource.Builder(target)
                    .recordId(id)
                    .date(date)
                    .body(MediaType.parseLeniently(contentType), content)
                    .blockDigest(digest(content))
                    .payloadDigest(digest(content));
            if (refersTo != null) {
                reference.addHeader("WARC-Refers-To", "<urn:uuid:" + refersTo + ">");
            }
            fields.forEach((name, value) -> reference.addHeader(WarcFormat.PREFIX + name, WarcFormat.clean(value)));
            reference.addHeader(WarcFormat.ENTRY, "ITEM");
            reference.addHeader(WarcFormat.POSITION, Long.toString(position));

            assertSame(written, reference, position, previous);
        }
    }

    @Test
    void noticesMatchWhatJwarcWrites() throws IOException {
        UUID id = UUID.randomUUID();
        UUID refersTo = UUID.randomUUID();
        URI target = TARGETS[2];
        Instant date = Instant.parse("2026-11-02T10:11:12.345678901Z");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("Platform", "mastodon");
        fields.put("Deleted-At-Source", date.toString());
        fields.put("Collected-By", VALUES[4]);
        String previous = Hashes.GENESIS;

        WarcFormat.Written written =
                WarcFormat.notice(id, target, date, "DELETED_AT_SOURCE", refersTo, fields, 7, previous);

        byte[] body = ("Platform: mastodon\r\nDeleted-At-Source: " + date + "\r\nCollected-By: " + VALUES[4] + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
        WarcMetadata.Builder reference = new WarcMetadata.Builder()
                .targetURI(target)
                .recordId(id)
                .date(date)
                .body(MediaType.WARC_FIELDS, body)
                .blockDigest(digest(body));
        reference.addHeader("WARC-Refers-To", "<urn:uuid:" + refersTo + ">");
        reference.addHeader(WarcFormat.ENTRY, "DELETED_AT_SOURCE");
        reference.addHeader(WarcFormat.POSITION, "7");

        assertSame(written, reference, 7, previous);
    }

    @Test
    void cleaningTurnsControlCharactersIntoSpacesAndTrims() {
        assertThat(WarcFormat.clean(" a\tb\r\nc\u0085d\u0000 ")).isEqualTo("a b  c d");
        String clean = "already clean";
        assertThat(WarcFormat.clean(clean)).isSameAs(clean);
        assertThat(WarcFormat.clean("\uD83D\uDE00\t")).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void base32IsTheOneOfRfc4648() {
        assertThat(WarcFormat.base32("foobar".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo("MZXW6YTBOI======");
        assertThat(WarcFormat.base32(new byte[0])).isEmpty();
    }

    private static <R extends WarcRecord, B extends Message.AbstractBuilder<R, B>> void assertSame(
            WarcFormat.Written written, B reference, long position, String previous) throws IOException {
        String recordDigest =
                WarcFormat.recordDigest(reference.build().headers().map());
        String link = Hashes.link(previous, recordDigest, position);
        WarcRecord record = reference.addHeader(WarcFormat.LINK, link).build();
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        new WarcWriter(Channels.newChannel(expected), WarcCompression.NONE).write(record);

        byte[] inflated = new GZIPInputStream(new ByteArrayInputStream(written.gzip())).readAllBytes();
        assertThat(new String(inflated, StandardCharsets.UTF_8)).isEqualTo(expected.toString(StandardCharsets.UTF_8));
        assertThat(inflated).isEqualTo(expected.toByteArray());
        assertThat(written.recordDigest()).isEqualTo(recordDigest);
        assertThat(written.link()).isEqualTo(link);
        WarcFormat.Entry entry = WarcFormat.parse(inflated);
        assertThat(entry.blockDigestMatches()).isTrue();
        assertThat(entry.claimedLink()).isEqualTo(link);
    }

    private static WarcDigest digest(byte[] content) {
        return new WarcDigest("sha256", HexFormat.of().parseHex(Hashes.sha256(content)));
    }
}

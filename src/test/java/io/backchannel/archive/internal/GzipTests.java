package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.backchannel.identity.NaughtyStringsTests;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** Each member must inflate, with a standard reader, to exactly what went in, whichever compressor wrote it. */
class GzipTests {

    @Test
    void smallAndLargeContentsInflateToWhatWentIn() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        for (byte[] content : contents(random)) {
            byte[] member = Gzip.member(content);
            assertThat(inflated(member)).as("%d bytes", content.length).isEqualTo(content);
        }
    }

    @Test
    void thePartsOfARecordAreOneMember() throws IOException {
        byte[] head = "WARC/1.1\r\nWARC-Type: resource\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] line = "WARC-Chain-Link: sha256:00ff\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] body = "\r\n{\"text\":\"Lieferung kam nicht\"}\r\n\r\n".getBytes(StandardCharsets.UTF_8);
        byte[] whole = (new String(head, StandardCharsets.UTF_8)
                        + new String(line, StandardCharsets.UTF_8)
                        + new String(body, StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);

        assertThat(inflated(Gzip.member(head, line, body))).isEqualTo(whole);
    }

    @Test
    void membersOneAfterAnotherReadAsOneStream() throws IOException {
        byte[] first = "first record ".repeat(40).getBytes(StandardCharsets.UTF_8);
        byte[] second = new byte[Gzip.SMALL + 1]; // zlib's
        new SplittableRandom(3).nextBytes(second);
        java.io.ByteArrayOutputStream file = new java.io.ByteArrayOutputStream();
        file.write(Gzip.member(first));
        file.write(Gzip.member(second));

        java.io.ByteArrayOutputStream expected = new java.io.ByteArrayOutputStream();
        expected.write(first);
        expected.write(second);
        assertThat(inflated(file.toByteArray())).isEqualTo(expected.toByteArray());
    }

    /** A short post's record shrinks by about half, as with zlib's dynamic codes: the fixed codes are no stored copy. */
    @Test
    void aSmallTextRecordIsCompressed() {
        String record = "WARC/1.1\r\nWARC-Type: resource\r\nWARC-Target-URI: https://x.example/acme/1\r\n"
                + "Content-Type: application/json\r\nWARC-Payload-Digest: sha256:" + "0a1b2c3d".repeat(8) + "\r\n"
                + "WARC-Block-Digest: sha256:" + "4e5f6a7b".repeat(8) + "\r\nContent-Length: 120\r\n\r\n"
                + "{\"id\":\"1\",\"text\":\"the parcel with the tent and the stove did not come, the order is late\"}\r\n\r\n";
        byte[] content = record.getBytes(StandardCharsets.UTF_8);

        assertThat(Gzip.member(content).length).isLessThan(content.length * 7 / 10);
    }

    private static List<byte[]> contents(SplittableRandom random) throws Exception {
        List<byte[]> contents = new ArrayList<>();
        contents.add(new byte[0]);
        contents.add(new byte[] {7});
        contents.add("abc".getBytes(StandardCharsets.US_ASCII));
        contents.add("abcd".getBytes(StandardCharsets.US_ASCII));
        // Runs: the longest match deflate allows (258) and longer, distance 1, and repeats at the edge of the window.
        contents.add("a".repeat(Gzip.SMALL).getBytes(StandardCharsets.US_ASCII));
        contents.add("ab".repeat(300).getBytes(StandardCharsets.US_ASCII));
        byte[] far = new byte[Gzip.SMALL];
        random.nextBytes(far);
        System.arraycopy(far, 0, far, Gzip.SMALL - 600, 600);
        contents.add(far);
        // Every length from 0 to 300 of text with repeats, and of random bytes.
        String words = "Lieferung Zelt Kocher refund order parcel ÄÖÜ ß 😀 ";
        for (int length = 0; length <= 300; length++) {
            contents.add(words.repeat(10)
                    .substring(0, Math.min(length, words.length() * 10))
                    .getBytes(StandardCharsets.UTF_8));
            byte[] noise = new byte[length];
            random.nextBytes(noise);
            contents.add(noise);
        }
        // Low-entropy bytes of many sizes around the switch to zlib.
        for (int size : new int[] {1000, 4095, 4096, 4097, Gzip.SMALL - 1, Gzip.SMALL, Gzip.SMALL + 1, 100_000}) {
            byte[] bytes = new byte[size];
            for (int i = 0; i < size; i++) {
                bytes[i] = (byte) ('a' + random.nextInt(4));
            }
            contents.add(bytes);
        }
        contents.add(Files.readAllBytes(NaughtyStringsTests.corpora().resolve("naughty-strings/blns.json")));
        for (String naughty : NaughtyStringsTests.naughtyStrings()) {
            contents.add(naughty.getBytes(StandardCharsets.UTF_8));
        }
        return contents;
    }

    private static byte[] inflated(byte[] gzip) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}

package io.backchannel.archive.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

/** The store starts a new WARC file before one would pass the size limit; the chain runs on across files. */
class RollingFilesTests {

    @TempDir
    Path directory;

    @Test
    void rollsToANewFileBeforeTheLimitAndTheChainVerifiesAcrossFiles() throws IOException {
        String link = write(List.of(1, 1, 1, 1, 1, 1));

        assertRolledAndVerifies(link);
    }

    @Test
    void aBatchThatFillsFilesGoesOnInNewOnes() throws IOException {
        String link = write(List.of(4, 2));

        assertRolledAndVerifies(link);
    }

    /** Writes six records in batches of the given sizes, as the archive does; returns the last link. */
    private String write(List<Integer> batches) throws IOException {
        WarcStore store = new WarcStore(new ArchiveSettings(
                directory, directory.resolve("index"), DataSize.ofKilobytes(2), DataSize.ofMegabytes(1), 1000));
        store.recover(null);
        Random random = new Random(42);
        String link = Hashes.GENESIS;
        WarcStore.Location last = null;
        long position = 0;
        for (int size : batches) {
            List<byte[]> records = new java.util.ArrayList<>();
            for (int i = 0; i < size; i++) {
                position++;
                byte[] content = new byte[700];
                random.nextBytes(content);
                WarcFormat.Written written = WarcFormat.unsealedItem(
                                UUID.randomUUID(),
                                URI.create("urn:backchannel:test:" + position),
                                Instant.now(),
                                "application/octet-stream",
                                content,
                                Map.of("Platform", "test"),
                                Hashes.sha256(content),
                                null,
                                position)
                        .seal(link);
                records.add(written.gzip());
                link = written.link();
            }
            last = store.append(records, last).getLast();
        }
        store.close();
        return link;
    }

    private void assertRolledAndVerifies(String link) throws IOException {
        var files = StoreVerifier.files(directory);
        assertThat(files).hasSizeGreaterThan(2);
        for (Path file : files) {
            assertThat(Files.size(file)).isLessThanOrEqualTo(2048);
        }
        StoreVerifier.Report report = StoreVerifier.verify(directory);
        assertThat(report.ok()).as(report.text()).isTrue();
        assertThat(report.records()).isEqualTo(6);
        assertThat(report.lastLink()).isEqualTo(link);
    }
}
